package dev.baton.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.baton.adapters.postgres.PostgresAdvisoryLockLeadership;
import dev.baton.adapters.postgres.PostgresBatchStore;
import dev.baton.adapters.postgres.PostgresDatabase;
import dev.baton.adapters.postgres.PostgresFencedTransactions;
import dev.baton.adapters.postgres.PostgresJobRuns;
import dev.baton.adapters.postgres.PostgresLockInspection;
import dev.baton.adapters.postgres.PostgresSettings;
import dev.baton.bootstrap.config.BatonConfig;
import dev.baton.domain.InstanceId;
import dev.baton.domain.LeaderLockEntry;
import dev.baton.domain.port.BatchPollerPort;
import dev.baton.domain.port.BatchTrackingPort;
import dev.baton.domain.port.ClockPort;
import dev.baton.domain.port.InstanceRegistryPort;
import dev.baton.domain.port.JobRunPort;
import dev.baton.domain.port.LeadershipPort;
import dev.baton.persistence.FencedTransactions;
import dev.baton.persistence.JdbiInstanceRegistry;
import java.time.Duration;
import java.util.List;

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
  PostgresDatabase database(BatonConfig config, InstanceId instanceId) {
    Duration longestStatement =
        config.lockWaitSlice().compareTo(config.heartbeatTimeout()) > 0
            ? config.lockWaitSlice()
            : config.heartbeatTimeout();
    return new PostgresDatabase(
        new PostgresSettings(
            config.databaseUrl(),
            instanceId,
            config.leaderLockKey(),
            config.takeoverGrace(),
            longestStatement.plus(LOCK_SESSION_SOCKET_MARGIN),
            config.providerConcurrency() + POOL_CONNECTIONS_BESIDE_PROVIDER_CALLS));
  }

  @Provides
  @Singleton
  PostgresAdvisoryLockLeadership advisoryLock(PostgresDatabase database, ClockPort clock) {
    return new PostgresAdvisoryLockLeadership(database, clock);
  }

  @Provides
  @Singleton
  LeadershipPort leadership(PostgresAdvisoryLockLeadership advisoryLock) {
    return advisoryLock;
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
  InstanceRegistryPort instanceRegistry(PostgresDatabase database) {
    return new JdbiInstanceRegistry(database.jdbi());
  }

  @Provides
  @Singleton
  DatabaseBackend backend(PostgresDatabase database, PostgresAdvisoryLockLeadership advisoryLock) {
    PostgresLockInspection inspection = new PostgresLockInspection(database);
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
      public void migrate() {
        database.migrate();
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
