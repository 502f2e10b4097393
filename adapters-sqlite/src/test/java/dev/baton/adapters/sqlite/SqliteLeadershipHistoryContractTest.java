package dev.baton.adapters.sqlite;

import dev.baton.domain.port.LeadershipHistoryPort;
import dev.baton.domain.port.LeadershipPort;
import dev.baton.testsupport.contract.LeadershipHistoryContract;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

class SqliteLeadershipHistoryContractTest extends LeadershipHistoryContract {
  private static final long LOCK_KEY = SqliteLeadershipContractTest.LOCK_KEY;

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

  @Override
  protected LeadershipHistoryPort history() {
    return new SqliteLeadershipHistory(new SqliteDatabase(url), LOCK_KEY);
  }
}
