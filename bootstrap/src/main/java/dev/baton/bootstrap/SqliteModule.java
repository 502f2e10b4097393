package dev.baton.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.baton.adapters.sqlite.SqliteBatchStore;
import dev.baton.adapters.sqlite.SqliteDatabase;
import dev.baton.adapters.sqlite.SqliteJobRuns;
import dev.baton.adapters.sqlite.SqliteLocalLeadership;
import dev.baton.bootstrap.config.BatonConfig;
import dev.baton.domain.InstanceId;
import dev.baton.domain.port.BatchPollerPort;
import dev.baton.domain.port.BatchTrackingPort;
import dev.baton.domain.port.ClockPort;
import dev.baton.domain.port.InstanceRegistryPort;
import dev.baton.domain.port.JobRunPort;
import dev.baton.domain.port.LeadershipPort;
import dev.baton.persistence.JdbiInstanceRegistry;

/** The embedded SQLite backend: one node, local leadership guarded by a file lock. */
final class SqliteModule extends AbstractModule {

  @Provides
  @Singleton
  SqliteDatabase database(BatonConfig config) {
    return new SqliteDatabase(config.databaseUrl());
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
      public void migrate() {
        database.migrate();
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
      SqliteDatabase database, BatonConfig config, InstanceId instanceId, ClockPort clock) {
    return new SqliteLocalLeadership(database, config.leaderLockKey(), instanceId, clock);
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
  InstanceRegistryPort instanceRegistry(SqliteDatabase database) {
    return new JdbiInstanceRegistry(database.jdbi());
  }
}
