package dev.baton.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.baton.adapters.sqlite.SqliteBatchStore;
import dev.baton.adapters.sqlite.SqliteDatabase;
import dev.baton.adapters.sqlite.SqliteFailures;
import dev.baton.adapters.sqlite.SqliteJobRuns;
import dev.baton.adapters.sqlite.SqliteLeadershipHistory;
import dev.baton.adapters.sqlite.SqliteLocalLeadership;
import dev.baton.adapters.sqlite.SqlitePollRequests;
import dev.baton.adapters.sqlite.SqliteWebhookDeliveries;
import dev.baton.application.SchedulerReadiness;
import dev.baton.bootstrap.config.BatonConfig;
import dev.baton.bootstrap.config.ConfigException;
import dev.baton.bootstrap.config.ConfigKey;
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
import dev.baton.persistence.JdbiInstanceRegistry;
import java.io.UncheckedIOException;
import java.util.Optional;

/** The embedded SQLite backend: one node, local leadership guarded by a file lock. */
final class SqliteModule extends AbstractModule {

  @Provides
  @Singleton
  SqliteDatabase database(BatonConfig config) {
    try {
      return new SqliteDatabase(config.databaseUrl());
    } catch (UncheckedIOException e) {
      throw new ConfigException(
          ConfigKey.BATON_DATABASE_URL,
          SqliteFailures.classify(e).map(DatabaseFailure::cause).orElse(e.getMessage()));
    }
  }

  @Provides
  @Singleton
  DatabaseBackend backend(SqliteDatabase database) {
    return new DatabaseBackend() {
      @Override
      public String name() {
        return BatonConfig.Backend.SQLITE.wireName();
      }

      @Override
      public String location() {
        return database.jdbcUrl();
      }

      @Override
      public void checkConnection() {
        // Opening the file is the first thing migrate() does, with the same error.
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
    };
  }

  @Provides
  @Singleton
  LeadershipPort leadership(
      SqliteDatabase database,
      BatonConfig config,
      InstanceId instanceId,
      ClockPort clock,
      DatabaseBackend backend,
      Provider<SchedulerReadiness> readiness) {
    return new WatchedLeadership(
        new SqliteLocalLeadership(database, config.leaderLockKey(), instanceId, clock),
        backend,
        readiness::get);
  }

  @Provides
  @Singleton
  LeadershipHistoryPort leadershipHistory(SqliteDatabase database, BatonConfig config) {
    return new SqliteLeadershipHistory(database, config.leaderLockKey());
  }

  @Provides
  @Singleton
  JobRunPort jobRuns(SqliteDatabase database, BatonConfig config, ClockPort clock) {
    return new SqliteJobRuns(database, config.leaderLockKey(), clock);
  }

  @Provides
  @Singleton
  SqliteBatchStore batchStore(SqliteDatabase database, BatonConfig config, ClockPort clock) {
    return new SqliteBatchStore(database, config.leaderLockKey(), clock);
  }

  @Provides
  @Singleton
  BatchTrackingPort batchTracking(SqliteBatchStore store) {
    return store;
  }

  @Provides
  @Singleton
  BatchPollerPort batchPoller(SqliteBatchStore store) {
    return store;
  }

  @Provides
  @Singleton
  WebhookDeliveryPort webhookDeliveries(SqliteDatabase database, BatonConfig config) {
    return new SqliteWebhookDeliveries(database, config.leaderLockKey());
  }

  @Provides
  @Singleton
  SqlitePollRequests pollRequestStore(SqliteDatabase database, BatonConfig config) {
    return new SqlitePollRequests(database, config.leaderLockKey());
  }

  @Provides
  @Singleton
  PollRequestPort pollRequests(SqlitePollRequests store) {
    return store;
  }

  @Provides
  @Singleton
  ProviderWebhookInboxPort providerWebhookInbox(SqlitePollRequests store) {
    return store;
  }

  @Provides
  @Singleton
  InstanceRegistryPort instanceRegistry(SqliteDatabase database) {
    return new JdbiInstanceRegistry(database.jdbi());
  }
}
