package dev.baton.embedded.internal;

import dev.baton.adapters.postgres.PostgresAdvisoryLockLeadership;
import dev.baton.adapters.postgres.PostgresBatchStore;
import dev.baton.adapters.postgres.PostgresConnections;
import dev.baton.adapters.postgres.PostgresDatabase;
import dev.baton.adapters.postgres.PostgresFailures;
import dev.baton.adapters.postgres.PostgresFencedTransactions;
import dev.baton.adapters.postgres.PostgresJobRuns;
import dev.baton.adapters.postgres.PostgresLeadershipHistory;
import dev.baton.adapters.postgres.PostgresLockInspection;
import dev.baton.adapters.postgres.PostgresPollRequests;
import dev.baton.adapters.postgres.PostgresSettings;
import dev.baton.adapters.postgres.PostgresWebhookDeliveries;
import dev.baton.domain.LeaderLockEntry;
import dev.baton.domain.port.ClockPort;
import dev.baton.domain.port.JobRunPort;
import dev.baton.domain.port.LeadershipHistoryPort;
import dev.baton.domain.port.LeadershipPort;
import dev.baton.persistence.FencedTransactions;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** PostgreSQL: Baton's own small pool or the application's, and a dedicated lock session. */
final class PostgresBackend extends StoredBackend {
  private final PostgresDatabase database;
  private final PostgresFencedTransactions fencing;
  private final String location;
  private PostgresAdvisoryLockLeadership leadership;

  /**
   * @param location the database as messages name it, any password masked
   */
  static PostgresBackend open(PostgresSettings settings, String location) {
    PostgresDatabase database = new PostgresDatabase(settings);
    return new PostgresBackend(database, new PostgresFencedTransactions(database), location);
  }

  private PostgresBackend(
      PostgresDatabase database, PostgresFencedTransactions fencing, String location) {
    super(
        "postgres",
        new Access(database::checkConnection, database::migrate, PostgresFailures::classify),
        new PostgresBatchStore(database, fencing),
        new PostgresPollRequests(database, fencing),
        new PostgresWebhookDeliveries(database, fencing),
        database.jdbi());
    this.database = database;
    this.fencing = fencing;
    this.location = location;
  }

  @Override
  public String location() {
    return location;
  }

  @Override
  public synchronized LeadershipPort leadership(ClockPort clock) {
    if (leadership == null) {
      leadership = new PostgresAdvisoryLockLeadership(database, clock);
    }
    return leadership;
  }

  @Override
  public LeadershipHistoryPort leadershipHistory() {
    return new PostgresLeadershipHistory(database);
  }

  @Override
  public JobRunPort jobRuns() {
    return new PostgresJobRuns(database, fencing);
  }

  @Override
  public FencedTransactions fencing() {
    return fencing;
  }

  @Override
  public Optional<DataSource> ownPool() {
    return database.settings().connections() instanceof PostgresConnections.OwnPool
        ? Optional.of(database.dataSource())
        : Optional.empty();
  }

  @Override
  public List<LeaderLockEntry> lockSessions() {
    return new PostgresLockInspection(database).sessions();
  }

  @Override
  public synchronized void close() {
    if (leadership != null) {
      leadership.close();
    }
    database.close();
  }
}
