package dev.baton.bootstrap;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import dev.baton.bootstrap.config.BatonConfig;
import dev.baton.domain.InstanceId;

/**
 * Opens only the database of a configuration, for commands that need no scheduler: the injector is
 * lazy, so nothing else is built.
 */
final class DatabaseBackends {
  private DatabaseBackends() {}

  static DatabaseBackend open(BatonConfig config, InstanceId instanceId) {
    return injector(config, instanceId).getInstance(DatabaseBackend.class);
  }

  /** A lazy injector: only what is asked of it gets built. */
  static Injector injector(BatonConfig config, InstanceId instanceId) {
    return Guice.createInjector(Stage.DEVELOPMENT, BatonModules.forConfig(config, instanceId));
  }
}
