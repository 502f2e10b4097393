package dev.baton.adapters.sqlite;

import dev.baton.domain.InstanceId;
import dev.baton.domain.port.LeadershipHistoryPort;
import dev.baton.domain.port.LeadershipPort;
import dev.baton.testsupport.contract.LeadershipHistoryContract;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

class SqliteLeadershipHistoryContractTest extends LeadershipHistoryContract {
  @TempDir Path directory;
  private String url;
  private final TestClock clock = TestClock.tickingFrom("2026-11-27T00:41:08.123Z");

  @BeforeEach
  void migrate() {
    url = "jdbc:sqlite:" + directory.resolve("baton.db");
    new SqliteDatabase(url).migrate();
  }

  /** Each instance opens the file on its own, as another process would. */
  @Override
  protected LeadershipPort leadershipOf(String instanceId) {
    return new SqliteLocalLeadership(
        new SqliteDatabase(url),
        SqliteLeadershipContractTest.LOCK_KEY,
        new InstanceId(instanceId),
        clock);
  }

  @Override
  protected LeadershipHistoryPort history() {
    return new SqliteLeadershipHistory(
        new SqliteDatabase(url), SqliteLeadershipContractTest.LOCK_KEY);
  }
}
