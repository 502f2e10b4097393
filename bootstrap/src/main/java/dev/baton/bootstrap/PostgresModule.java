package dev.baton.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.baton.adapters.postgres.PostgresAdvisoryLockLeadership;
import dev.baton.adapters.postgres.PostgresBatchStore;
import dev.baton.adapters.postgres.PostgresDatabase;
import dev.baton.adapters.postgres.PostgresFailures;
import dev.baton.adapters.postgres.PostgresFencedTransactions;
import dev.baton.adapters.postgres.PostgresJobRuns;
import dev.baton.adapters.postgres.PostgresLeadershipHistory;
import dev.baton.adapters.postgres.PostgresLockInspection;
import dev.baton.adapters.postgres.PostgresPollRequests;
import dev.baton.adapters.postgres.PostgresSettings;
import dev.baton.adapters.postgres.PostgresWebhookDeliveries;
import dev.baton.application.SchedulerReadiness;
import dev.baton.bootstrap.config.BatonConfig;
import dev.baton.bootstrap.config.ConfigLoader;
import dev.baton.domain.DatabaseFailure;
import dev.baton.domain.InstanceId;
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
import dev.baton.persistence.JdbiInstanceRegistry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The PostgreSQL backend: leader election through the advisory lock, fenced writes. */
final class PostgresModule extends AbstractModule {
  /**
   * Room above the longest statement on the lock session (a lock wait slice) before the client
   * gives up.
   */
  private static final Duration LOCK_SESSION_SOCKET_MARGIN = Duration.ofSeconds(5);

  /** Fenced writes, job runs, status queries and the registry beside the provider calls. */
  private static final int POOL_CONNECTIONS_BESIDE_PROVIDER_CALLS = 4;

  @Provides
  @Singleton
  PostgresDatabase database(BatonConfig config, InstanceId instanceId, MicrometerMetrics metrics) {
    Duration longestStatement =
        config.lockWaitSlice().compareTo(config.heartbeatTimeout()) > 0
            ? config.lockWaitSlice()
            : config.heartbeatTimeout();
    PostgresDatabase database =
        new PostgresDatabase(
            new PostgresSettings(
                connectionUrl(config),
                instanceId,
                config.leaderLockKey(),
                config.takeoverGrace(),
                longestStatement.plus(LOCK_SESSION_SOCKET_MARGIN),
                config.providerConcurrency() + POOL_CONNECTIONS_BESIDE_PROVIDER_CALLS,
                config.databaseSchema()));
    // The pool's own meters: hikaricp_connections_active, _idle, _pending, _acquire_seconds, ...
    if (database.dataSource() instanceof HikariDataSource pool) {
      pool.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(metrics.registry()));
    }
    return database;
  }

  /**
   * The URL with {@code BATON_DATABASE_USER} and {@code BATON_DATABASE_PASSWORD} added as its
   * parameters (the configuration makes sure the URL names neither itself).
   */
  static String connectionUrl(BatonConfig config) {
    StringBuilder url = new StringBuilder(config.databaseUrl());
    config.databaseUser().ifPresent(user -> appendParameter(url, "user", user));
    config
        .databasePassword()
        .ifPresent(password -> appendParameter(url, "password", password.value()));
    return url.toString();
  }

  private static void appendParameter(StringBuilder url, String name, String value) {
    url.append(url.indexOf("?") < 0 ? '?' : '&')
        .append(name)
        .append('=')
        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
  }

  @Provides
  @Singleton
  PostgresAdvisoryLockLeadership advisoryLock(PostgresDatabase database, ClockPort clock) {
    return new PostgresAdvisoryLockLeadership(database, clock);
  }

  @Provides
  @Singleton
  LeadershipPort leadership(
      PostgresAdvisoryLockLeadership advisoryLock,
      DatabaseBackend backend,
      Provider<SchedulerReadiness> readiness) {
    return new WatchedLeadership(advisoryLock, backend, readiness::get);
  }

  @Provides
  @Singleton
  LeadershipHistoryPort leadershipHistory(PostgresDatabase database) {
    return new PostgresLeadershipHistory(database);
  }

  @Provides
  @Singleton
  FencedTransactions fencedTransactions(PostgresDatabase database) {
    return new PostgresFencedTransactions(database);
  }

  @Provides
  @Singleton
  JobRunPort jobRuns(PostgresDatabase database, FencedTransactions fenced) {
    return new PostgresJobRuns(database, fenced);
  }

  @Provides
  @Singleton
  PostgresBatchStore batchStore(PostgresDatabase database, FencedTransactions fenced) {
    return new PostgresBatchStore(database, fenced);
  }

  @Provides
  @Singleton
  BatchTrackingPort batchTracking(PostgresBatchStore store) {
    return store;
  }

  @Provides
  @Singleton
  BatchPollerPort batchPoller(PostgresBatchStore store) {
    return store;
  }

  @Provides
  @Singleton
  WebhookDeliveryPort webhookDeliveries(PostgresDatabase database, FencedTransactions fenced) {
    return new PostgresWebhookDeliveries(database, fenced);
  }

  @Provides
  @Singleton
  PostgresPollRequests pollRequestStore(PostgresDatabase database, FencedTransactions fenced) {
    return new PostgresPollRequests(database, fenced);
  }

  @Provides
  @Singleton
  PollRequestPort pollRequests(PostgresPollRequests store) {
    return store;
  }

  @Provides
  @Singleton
  ProviderWebhookInboxPort providerWebhookInbox(PostgresPollRequests store) {
    return store;
  }

  @Provides
  @Singleton
  InstanceRegistryPort instanceRegistry(PostgresDatabase database) {
    return new JdbiInstanceRegistry(database.jdbi());
  }

  @Provides
  @Singleton
  DatabaseBackend backend(
      BatonConfig config, PostgresDatabase database, PostgresAdvisoryLockLeadership advisoryLock) {
    PostgresLockInspection inspection = new PostgresLockInspection(database);
    String location = ConfigLoader.maskPassword(config.databaseUrl());
    return new DatabaseBackend() {
      @Override
      public List<LeaderLockEntry> lockSessions() {
        return inspection.sessions();
      }

      @Override
      public String name() {
        return BatonConfig.Backend.POSTGRES.wireName();
      }

      @Override
      public String location() {
        return location;
      }

      @Override
      public void checkConnection() {
        try {
          database.checkConnection();
        } catch (SQLException e) {
          throw new DatabaseProblem(classify(e).orElseThrow(), location, e);
        }
      }

      @Override
      public void migrate() {
        database.migrate();
      }

      @Override
      public Optional<DatabaseFailure> classify(Throwable error) {
        return PostgresFailures.classify(error);
      }

      @Override
      public void close() {
        try {
          advisoryLock.close();
        } finally {
          database.close();
        }
      }
    };
  }
}
