package dev.baton.adapters.sqlite;

import dev.baton.domain.InstanceId;
import dev.baton.domain.port.JobRunPort;
import dev.baton.domain.port.LeaderLease;
import dev.baton.testsupport.contract.JobRunPortContract;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

class SqliteJobRunsContractTest extends JobRunPortContract {
  static final long LOCK_KEY = 1311768467750121216L;

  @TempDir Path directory;
  private SqliteDatabase database;
  private final TestClock clock = TestClock.tickingFrom("2026-11-27T00:41:08.123Z");

  @BeforeEach
  void migrate() {
    database = new SqliteDatabase("jdbc:sqlite:" + directory.resolve("baton.db"));
    database.migrate();
  }

  @Override
  protected JobRunPort jobRuns(int retainedRunsPerJob) {
    return new SqliteJobRuns(database, LOCK_KEY, clock, retainedRunsPerJob);
  }

  @Override
  protected long grantNewTerm() {
    LeaderLease lease =
        new SqliteLocalLeadership(database, LOCK_KEY, new InstanceId("term-granter"), clock)
            .tryAcquire()
            .orElseThrow();
    lease.release();
    return lease.term();
  }
}
