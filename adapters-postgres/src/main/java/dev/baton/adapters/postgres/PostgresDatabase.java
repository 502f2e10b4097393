package dev.baton.adapters.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.baton.persistence.MigrationHistory;
import java.sql.DriverManager;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Baton's PostgreSQL database: the pool every repository uses (Baton's own Hikari pool, or the
 * application's {@code DataSource}), the migrations, and the connections of lock sessions, which
 * are never handed to anyone else while they may hold the lock (a pooled connection given back with
 * the lock still held is the classic bug).
 */
public final class PostgresDatabase implements AutoCloseable {
  /** Baton's migrations: never {@code db/migration}, the location hosts and Spring Boot scan. */
  public static final String MIGRATIONS = "classpath:dev/baton/migration/postgresql";

  /** The highest version in {@link #MIGRATIONS}; a test keeps it equal to the files. */
  static final int LATEST_MIGRATION = 5;

  /**
   * Baton's own Flyway history, so that it never mixes with a host's {@code flyway_schema_history}.
   */
  public static final String SCHEMA_HISTORY = "baton_schema_history";

  private static final Logger log = LoggerFactory.getLogger(PostgresDatabase.class);

  private final PostgresSettings settings;
  private final DataSource pool;
  private final HikariDataSource ownPool;
  private final PoolReconnect reconnect = new PoolReconnect();
  private final LockConnections lockConnections;
  private final Jdbi jdbi;

  public PostgresDatabase(PostgresSettings settings) {
    this.settings = settings;
    if (settings.connections() instanceof PostgresConnections.OwnPool own) {
      this.ownPool = ownPool(own, settings, reconnect);
      this.pool = ownPool;
    } else {
      this.ownPool = null;
      this.pool = ((PostgresConnections.HostPool) settings.connections()).dataSource();
    }
    this.lockConnections = LockConnections.of(settings);
    this.jdbi = Jdbi.create(pool);
    // Every statement names Baton's schema as <schema>.baton_…; search_path is never changed.
    jdbi.define("schema", settings.schema());
  }

  private static HikariDataSource ownPool(
      PostgresConnections.OwnPool own, PostgresSettings settings, PoolReconnect reconnect) {
    HikariConfig config = new HikariConfig();
    config.setThreadFactory(reconnect);
    config.setPoolName("baton-pool");
    config.setJdbcUrl(own.jdbcUrl());
    config.setDataSourceProperties(ConnectionProperties.pool(settings));
    config.setMaximumPoolSize(own.poolSize());
    config.setMinimumIdle(1);
    // Start even while the database is down: the process retries, it does not crash.
    config.setInitializationFailTimeout(-1);
    config.setConnectionTimeout(PostgresSettings.CONNECT_TIMEOUT.toMillis());
    config.setKeepaliveTime(60_000);
    return new HikariDataSource(config);
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
    String history = settings.schema() + "." + SCHEMA_HISTORY;
    if (MigrationHistory.isUpToDate(jdbi, history, LATEST_MIGRATION)) {
      log.info(
          "PostgreSQL schema {}: up to date at version {}", settings.schema(), LATEST_MIGRATION);
      return 0;
    }
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
   * One connection attempt, closed at once: outside Baton's own pool, so that it fails with the
   * server's own error as soon as the server answers, where the pool would retry until its timeout;
   * from an application's pool, one borrowed connection. See {@link PostgresFailures} for what the
   * error means.
   */
  public void checkConnection() throws SQLException {
    if (ownPool == null) {
      pool.getConnection().close();
      return;
    }
    String jdbcUrl = ((PostgresConnections.OwnPool) settings.connections()).jdbcUrl();
    DriverManager.getConnection(jdbcUrl, ConnectionProperties.pool(settings)).close();
  }

  /**
   * The database answered (a lock was granted): Baton's own pool stops waiting out its reconnect
   * backoff, so the new term's first statements find a connection at once. An application's pool is
   * the application's.
   *
   * @return whether the pool was waiting
   */
  boolean reconnectPoolNow() {
    return ownPool != null && reconnect.now(ownPool);
  }

  /** A new lock session, on a connection nobody else is handed while it may hold the lock. */
  LockSession openLockSession() throws SQLException {
    return new LockSession(
        lockConnections,
        settings.lockKey(),
        settings.schema(),
        settings.connections().namesEverySession());
  }

  /** Where lock sessions and the release listener get their connections. */
  LockConnections lockConnections() {
    return lockConnections;
  }

  /** Closes Baton's own pool; an application's {@code DataSource} stays the application's. */
  @Override
  public void close() {
    if (ownPool != null) {
      ownPool.close();
    }
  }
}
