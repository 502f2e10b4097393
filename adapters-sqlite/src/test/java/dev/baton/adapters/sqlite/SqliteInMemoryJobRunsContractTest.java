package dev.baton.adapters.sqlite;

import dev.baton.domain.InstanceId;
import dev.baton.domain.port.JobRunPort;
import dev.baton.domain.port.LeaderLease;
import dev.baton.testsupport.contract.JobRunPortContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class SqliteInMemoryJobRunsContractTest extends JobRunPortContract {
  static final long LOCK_KEY = 42L;

  private SqliteDatabase database;
  private SqliteLocalLeadership leadership;
  private final TestClock clock = TestClock.tickingFrom("2026-11-27T00:41:08.123Z");

  @BeforeEach
  void migrate() {
    database = new SqliteDatabase("jdbc:sqlite::memory:");
    database.migrate();
    leadership = new SqliteLocalLeadership(database, LOCK_KEY, new InstanceId("in-memory"), clock);
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Override
  protected JobRunPort jobRuns(int retainedRunsPerJob) {
    return new SqliteJobRuns(database, LOCK_KEY, clock, retainedRunsPerJob);
  }

  @Override
  protected long grantNewTerm() {
    LeaderLease lease = leadership.tryAcquire().orElseThrow();
    lease.release();
    return lease.term();
  }
}
