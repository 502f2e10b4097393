package dev.baton.bootstrap;

import com.google.inject.Module;
import dev.baton.bootstrap.config.BatonConfig;
import dev.baton.domain.InstanceId;
import java.util.List;

/** Chooses the module set from the scheme of {@code BATON_DATABASE_URL}. */
final class BatonModules {
  private BatonModules() {}

  static List<Module> forConfig(BatonConfig config, InstanceId instanceId) {
    Module backend =
        switch (config.backend()) {
          case SQLITE -> new SqliteModule();
          case POSTGRES -> new PostgresModule();
        };
    return List.of(new CoreModule(config, instanceId), backend);
  }
}
