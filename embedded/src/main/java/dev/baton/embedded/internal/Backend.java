package dev.baton.embedded.internal;

import dev.baton.adapters.postgres.PostgresSettings;
import dev.baton.adapters.sqlite.SqliteFailures;
import dev.baton.domain.DatabaseFailure;
import dev.baton.domain.LeaderLockEntry;
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
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;

/** One database as Baton uses it: its ports, its fence, its migrations, its end. */
public interface Backend extends AutoCloseable {

  /**
   * The database of {@code config}; no connection yet.
   *
   * @throws DatabaseProblem when an SQLite file's directory cannot be created
   */
  static Backend open(EngineConfig config, ClockPort clock) {
    if (config.database() instanceof EngineConfig.Database.Postgres postgres) {
      return PostgresBackend.open(
          new PostgresSettings(
              postgres.connections(),
              config.scheduler().instanceId(),
              config.lockKey(),
              config.takeoverGrace(),
              EngineConfig.lockSessionSocketTimeout(config.scheduler()),
              postgres.schema()),
          postgres.location());
    }
    String jdbcUrl = ((EngineConfig.Database.Sqlite) config.database()).jdbcUrl();
    try {
      return new SqliteBackend(jdbcUrl, config.lockKey(), config.scheduler().instanceId(), clock);
    } catch (UncheckedIOException e) {
      // Only SQLite touches the disk this early: it creates the directory of its file.
      throw new DatabaseProblem(
          SqliteFailures.classify(e)
              .orElse(new DatabaseFailure(DatabaseFailure.Kind.MISCONFIGURED, e.getMessage())),
          jdbcUrl,
          e);
    }
  }

  /** {@code postgres} or {@code sqlite}, as {@code GET /v1/scheduler} reports it. */
  String name();

  /** The database as configured, any password masked, for messages. */
  String location();

  /** The leadership: asked for once, closed with the backend. */
  LeadershipPort leadership(ClockPort clock);

  LeadershipHistoryPort leadershipHistory();

  JobRunPort jobRuns();

  InstanceRegistryPort instances();

  /** The tracked batches, as the polling job sees them. */
  BatchPollerPort batchPoller();

  /** The polls providers' webhooks asked for, as the polling job sees them. */
  PollRequestPort pollRequests();

  /** Where a provider's verified webhook asks for a poll. */
  ProviderWebhookInboxPort providerWebhookInbox();

  /** The outbox of completion webhooks. */
  WebhookDeliveryPort webhookDeliveries();

  /** The tracked batches, as a caller that hands them over sees them. */
  BatchTrackingPort batchTracking();

  FencedTransactions fencing();

  /** Baton's own connection pool, where it has one (its meters are the service's business). */
  default Optional<DataSource> ownPool() {
    return Optional.empty();
  }

  /** The sessions on the leader lock; empty where the backend has no such lock (SQLite). */
  default List<LeaderLockEntry> lockSessions() {
    return List.of();
  }

  /** One connection attempt; throws what the driver throws. */
  void checkConnection();

  /** Applies Baton's pending migrations; throws while the database is unreachable. */
  void migrate();

  /** What {@code error} means for this database, or empty when it is not a database failure. */
  Optional<DatabaseFailure> classify(Throwable error);

  /**
   * One connection attempt, so that a wrong setting or an unreachable server shows at once and in
   * the database's own words.
   *
   * @throws DatabaseProblem when the database cannot be used
   */
  default void connect() {
    use(
        () -> {
          checkConnection();
          return null;
        });
  }

  /**
   * One connection attempt, then the migrations: what a process does before its first successful
   * connection.
   *
   * @throws DatabaseProblem when the database cannot be used
   */
  default void connectAndMigrate() {
    use(
        () -> {
          checkConnection();
          migrate();
          return null;
        });
  }

  /**
   * Runs {@code work} against the database; a database failure comes out as a {@link
   * DatabaseProblem} (one line), anything else as it was thrown.
   */
  default <T> T use(Supplier<T> work) {
    try {
      return work.get();
    } catch (DatabaseProblem e) {
      throw e;
    } catch (RuntimeException e) {
      Optional<DatabaseFailure> failure = classify(e);
      if (failure.isPresent()) {
        throw new DatabaseProblem(failure.get(), location(), e);
      }
      throw e;
    }
  }

  @Override
  void close();
}
