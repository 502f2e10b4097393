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
import dev.baton.domain.DatabaseFailure;
import dev.baton.domain.InstanceId;
import dev.baton.domain.port.BatchPollerPort;
import dev.baton.domain.port.BatchTrackingPort;
import dev.baton.domain.port.ClockPort;
import dev.baton.domain.port.InstanceRegistryPort;
import dev.baton.domain.port.JobRunPort;
import dev.baton.domain.port.LeadershipHistoryPort;
import dev.baton.domain.port.LeadershipPort;
import dev.baton.domain.port.PollRequestPort;
import dev.baton.domain.port.ProviderWebhookInboxPort;
import dev.baton.domain.port.WebhookDeliveryPort;
import dev.baton.persistence.FencedTransactions;
import dev.baton.persistence.JdbiInstanceRegistry;
import java.sql.SQLException;
import java.util.Optional;

/** One SQLite file: local leadership, with a file lock against a second process on it. */
final class SqliteBackend implements Backend {
  private final SqliteDatabase database;
  private final long lockKey;
  private final InstanceId instanceId;
  private final ClockPort clock;
  private final SqliteBatchStore batches;
  private final SqlitePollRequests pollRequests;
  private final SqliteWebhookDeliveries webhookDeliveries;

  SqliteBackend(String jdbcUrl, long lockKey, InstanceId instanceId, ClockPort clock) {
    this.database = new SqliteDatabase(jdbcUrl);
    this.lockKey = lockKey;
    this.instanceId = instanceId;
    this.clock = clock;
    this.batches = new SqliteBatchStore(database, lockKey, clock);
    this.pollRequests = new SqlitePollRequests(database, lockKey);
    this.webhookDeliveries = new SqliteWebhookDeliveries(database, lockKey);
  }

  @Override
  public String name() {
    return "sqlite";
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
  public InstanceRegistryPort instances() {
    return new JdbiInstanceRegistry(database.jdbi());
  }

  @Override
  public BatchPollerPort batchPoller() {
    return batches;
  }

  @Override
  public PollRequestPort pollRequests() {
    return pollRequests;
  }

  @Override
  public ProviderWebhookInboxPort providerWebhookInbox() {
    return pollRequests;
  }

  @Override
  public WebhookDeliveryPort webhookDeliveries() {
    return webhookDeliveries;
  }

  @Override
  public BatchTrackingPort batchTracking() {
    return batches;
  }

  @Override
  public FencedTransactions fencing() {
    return new SqliteFencedTransactions(database, lockKey);
  }

  @Override
  public void checkConnection() {
    try {
      database.dataSource().getConnection().close();
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  @Override
  public void migrate() {
    database.migrate();
  }

  @Override
  public Optional<DatabaseFailure> classify(Throwable error) {
    return SqliteFailures.classify(error);
  }

  @Override
  public void close() {
    database.close();
  }
}
