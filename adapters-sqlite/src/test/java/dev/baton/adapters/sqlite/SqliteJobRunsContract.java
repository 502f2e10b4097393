package dev.baton.adapters.sqlite;

import dev.baton.domain.InstanceId;
import dev.baton.domain.port.JobRunPort;
import dev.baton.testsupport.contract.JobRunPortContract;

/** The job runs' contract on the migrated SQLite database each subclass opens before each test. */
abstract class SqliteJobRunsContract extends JobRunPortContract {
  static final long LOCK_KEY = 1311768467750121216L;

  private final TestClock clock = TestClock.tickingFrom("2026-11-27T00:41:08.123Z");
  private SqliteLocalLeadership granter;

  abstract SqliteDatabase database();

  @Override
  protected JobRunPort jobRuns(int retainedRunsPerJob) {
    return new SqliteJobRuns(database(), LOCK_KEY, clock, retainedRunsPerJob);
  }

  @Override
  protected long grantNewTerm() {
    if (granter == null) {
      granter =
          new SqliteLocalLeadership(database(), LOCK_KEY, new InstanceId("term-granter"), clock);
    }
    return TestDatabases.grantNewTerm(granter);
  }
}
