package dev.baton.embedded.internal;

import dev.baton.adapters.sqlite.SqliteBatchStore;
import dev.baton.adapters.sqlite.SqliteDatabase;
import dev.baton.adapters.sqlite.SqliteFailures;
import dev.baton.adapters.sqlite.SqliteFencedTransactions;
import dev.baton.adapters.sqlite.SqliteJobRuns;
import dev.baton.adapters.sqlite.SqliteLeadershipHistory;
import dev.baton.adapters.sqlite.SqliteLocalLeadership;
import dev.baton.adapters.sqlite.SqlitePollRequests;
import dev.baton.adapters.sqlite.SqliteWebhookDeliveries;
import dev.baton.domain.InstanceId;
import dev.baton.domain.port.ClockPort;
import dev.baton.domain.port.JobRunPort;
import dev.baton.domain.port.LeadershipHistoryPort;
import dev.baton.domain.port.LeadershipPort;
import dev.baton.persistence.FencedTransactions;

/** One SQLite file: local leadership, with a file lock against a second process on it. */
final class SqliteBackend extends StoredBackend {
  private final SqliteDatabase database;
  private final long lockKey;
  private final InstanceId instanceId;
  private final ClockPort clock;

  SqliteBackend(String jdbcUrl, long lockKey, InstanceId instanceId, ClockPort clock) {
    this(new SqliteDatabase(jdbcUrl), lockKey, instanceId, clock);
  }

  private SqliteBackend(
      SqliteDatabase database, long lockKey, InstanceId instanceId, ClockPort clock) {
    super(
        "sqlite",
        new Access(
            () -> database.dataSource().getConnection().close(),
            database::migrate,
            SqliteFailures::classify),
        new SqliteBatchStore(database, lockKey, clock),
        new SqlitePollRequests(database, lockKey),
        new SqliteWebhookDeliveries(database, lockKey),
        database.jdbi());
    this.database = database;
    this.lockKey = lockKey;
    this.instanceId = instanceId;
    this.clock = clock;
  }

  @Override
  public String location() {
    return database.jdbcUrl();
  }

  @Override
  public LeadershipPort leadership(ClockPort clock) {
    return new SqliteLocalLeadership(database, lockKey, instanceId, clock);
  }

  @Override
  public LeadershipHistoryPort leadershipHistory() {
    return new SqliteLeadershipHistory(database, lockKey);
  }

  @Override
  public JobRunPort jobRuns() {
    return new SqliteJobRuns(database, lockKey, clock);
  }

  @Override
  public FencedTransactions fencing() {
    return new SqliteFencedTransactions(database, lockKey);
  }

  @Override
  public void close() {
    database.close();
  }
}
