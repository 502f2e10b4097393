package dev.baton.adapters.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Baton's PostgreSQL database: the Hikari pool every repository uses, the migrations, and the
 * factory of dedicated lock sessions, which never come from the pool (a pooled connection given
 * back with the lock still held is the classic bug).
 */
public final class PostgresDatabase implements AutoCloseable {
  /** Baton's migrations: never {@code db/migration}, the location hosts and Spring Boot scan. */
  public static final String MIGRATIONS = "classpath:dev/baton/migration/postgresql";

  /**
   * Baton's own Flyway history, so that it never mixes with a host's {@code flyway_schema_history}.
   */
  public static final String SCHEMA_HISTORY = "baton_schema_history";

  private static final Logger log = LoggerFactory.getLogger(PostgresDatabase.class);

  private final PostgresSettings settings;
  private final HikariDataSource pool;
  private final Jdbi jdbi;

  public PostgresDatabase(PostgresSettings settings) {
    this.settings = settings;
    HikariConfig config = new HikariConfig();
    config.setPoolName("baton-pool");
    config.setJdbcUrl(settings.jdbcUrl());
    config.setDataSourceProperties(ConnectionProperties.pool(settings));
    config.setMaximumPoolSize(settings.poolSize());
    config.setMinimumIdle(1);
    // Start even while the database is down: the process retries, it does not crash.
    config.setInitializationFailTimeout(-1);
    config.setConnectionTimeout(PostgresSettings.CONNECT_TIMEOUT.toMillis());
    config.setKeepaliveTime(60_000);
    this.pool = new HikariDataSource(config);
    this.jdbi = Jdbi.create(pool);
    // Every statement names Baton's schema as <schema>.baton_…; search_path is never changed.
    jdbi.define("schema", settings.schema());
  }

  public PostgresSettings settings() {
    return settings;
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  public DataSource dataSource() {
    return pool;
  }

  /**
   * Applies the pending migrations to Baton's schema, creating it if missing; throws while the
   * database is unreachable. A schema that holds other tables but no Baton history is baselined at
   * version 0 first, so Baton can share it with its host.
   */
  public int migrate() {
    int applied =
        Flyway.configure()
            .dataSource(pool)
            .schemas(settings.schema())
            .defaultSchema(settings.schema())
            .createSchemas(true)
            .table(SCHEMA_HISTORY)
            .locations(MIGRATIONS)
            .baselineOnMigrate(true)
            .baselineVersion("0")
            .load()
            .migrate()
            .migrationsExecuted;
    log.info("PostgreSQL schema {}: {} migration(s) applied", settings.schema(), applied);
    return applied;
  }

  /**
   * One connection attempt outside the pool, closed at once: it fails with the server's own error
   * as soon as the server answers, where the pool would retry until its timeout. See {@link
   * PostgresFailures} for what the error means.
   */
  public void checkConnection() throws SQLException {
    DriverManager.getConnection(settings.jdbcUrl(), ConnectionProperties.pool(settings)).close();
  }

  /** A new connection outside the pool, configured as a lock session. */
  Connection openLockSession() throws SQLException {
    Properties properties = ConnectionProperties.lockSession(settings);
    Connection connection = DriverManager.getConnection(settings.jdbcUrl(), properties);
    connection.setAutoCommit(true);
    return connection;
  }

  @Override
  public void close() {
    pool.close();
  }
}
