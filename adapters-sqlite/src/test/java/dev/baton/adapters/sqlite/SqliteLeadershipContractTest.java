package dev.baton.adapters.sqlite;

import dev.baton.domain.port.LeadershipHistoryPort;
import dev.baton.domain.port.LeadershipPort;
import dev.baton.testsupport.contract.LeadershipHistoryContract;
import dev.baton.testsupport.contract.LeadershipPortContract;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

class SqliteLeadershipContractTest extends LeadershipPortContract {
  static final long LOCK_KEY = 1311768467750121216L;

  @TempDir Path directory;
  private String url;
  private final TestClock clock = TestClock.tickingFrom("2026-11-27T00:41:08.123Z");

  @BeforeEach
  void migrate() {
    url = TestDatabases.migratedFileUrl(directory);
  }

  @Override
  protected LeadershipPort leadershipOf(String instanceId) {
    return TestDatabases.leadershipOf(url, LOCK_KEY, instanceId, clock);
  }

  /** The terms of the same file and lock key. */
  @Nested
  class History extends LeadershipHistoryContract {
    @Override
    protected LeadershipPort leadershipOf(String instanceId) {
      return SqliteLeadershipContractTest.this.leadershipOf(instanceId);
    }

    @Override
    protected LeadershipHistoryPort history() {
      return new SqliteLeadershipHistory(new SqliteDatabase(url), LOCK_KEY);
    }
  }
}
