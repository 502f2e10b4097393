package dev.baton.bootstrap;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;

/**
 * The meters of Baton's own connection pool: {@code hikaricp_connections_active}, {@code _idle},
 * {@code _pending}, {@code _acquire_seconds}, ... A class of its own so that a start on SQLite,
 * which has no such pool, loads nothing of HikariCP.
 */
final class PoolMeters {
  private PoolMeters() {}

  static void bind(DataSource pool, MeterRegistry registry) {
    if (pool instanceof HikariDataSource hikari) {
      hikari.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
    }
  }
}
