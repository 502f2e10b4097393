package dev.baton.adapters.sqlite;

import dev.baton.persistence.MigrationHistory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Baton's SQLite database: every connection in WAL mode, with a busy timeout and foreign keys on,
 * and every explicit transaction taking the write lock when it begins ({@code BEGIN IMMEDIATE}).
 *
 * <p>Starting transactions as writers is what lets concurrent writers queue under the busy timeout:
 * a deferred transaction that reads and then writes can fail at once with {@code SQLITE_BUSY} when
 * another connection wrote in between, whatever the timeout. Reads outside a transaction are not
 * affected.
 */
public final class SqliteDatabase implements AutoCloseable {
  public static final String DEFAULT_URL = "jdbc:sqlite:./baton-data/baton.db";
  public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(5);

  /** Baton's migrations: never {@code db/migration}, the location hosts and Spring Boot scan. */
  public static final String MIGRATIONS = "classpath:dev/baton/migration/sqlite";

  /** The highest version in {@link #MIGRATIONS}; a test keeps it equal to the files. */
  static final int LATEST_MIGRATION = 3;

  /**
   * Baton's own Flyway history, so that it never mixes with a host's {@code flyway_schema_history}.
   */
  public static final String SCHEMA_HISTORY = "baton_schema_history";

  private static final Logger log = LoggerFactory.getLogger(SqliteDatabase.class);

  private final SqliteUrl url;
  private final DataSource dataSource;
  private final SingleConnectionDataSource inMemoryDataSource;
  private final Jdbi jdbi;

  public SqliteDatabase(String jdbcUrl) {
    this(jdbcUrl, DEFAULT_BUSY_TIMEOUT);
  }

  /**
   * Opens the database at {@code jdbcUrl}, creating the directory of its file.
   *
   * @throws IllegalArgumentException when the URL is not a {@code jdbc:sqlite:} URL
   * @throws UncheckedIOException when the directory cannot be created
   */
  public SqliteDatabase(String jdbcUrl, Duration busyTimeout) {
    Objects.requireNonNull(busyTimeout, "busyTimeout");
    this.url = SqliteUrl.parse(jdbcUrl);
    SQLiteDataSource connections = new SQLiteDataSource(connectionConfig(busyTimeout));
    connections.setUrl(url.jdbcUrl());
    if (url.inMemory()) {
      try {
        this.inMemoryDataSource = new SingleConnectionDataSource(connections.getConnection());
      } catch (SQLException e) {
        throw new IllegalStateException("cannot open in-memory SQLite database " + jdbcUrl, e);
      }
      this.dataSource = inMemoryDataSource;
    } else {
      createDirectoryOf(url.file());
      this.inMemoryDataSource = null;
      this.dataSource = connections;
    }
    this.jdbi = Jdbi.create(dataSource);
    // The statements name the schema as the PostgreSQL ones do; SQLite's own is main.
    jdbi.define("schema", "main");
    SqliteTimestamps.register(jdbi);
  }

  private static SQLiteConfig connectionConfig(Duration busyTimeout) {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setBusyTimeout(Math.toIntExact(busyTimeout.toMillis()));
    config.enforceForeignKeys(true);
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    return config;
  }

  private static void createDirectoryOf(Path file) {
    Path directory = file.getParent();
    if (directory == null) {
      return;
    }
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the database directory " + directory, e);
    }
  }

  /**
   * Applies Baton's pending migrations; safe while other processes on the same file do the same,
   * since each migration begins as a writer. A file that holds other tables but no Baton history is
   * baselined at version 0 first, so Baton can share it with its host.
   *
   * @return how many migrations were applied
   */
  public int migrate() {
    if (MigrationHistory.isUpToDate(jdbi, SCHEMA_HISTORY, LATEST_MIGRATION)) {
      log.info("SQLite database {}: up to date at version {}", describe(), LATEST_MIGRATION);
      return 0;
    }
    int applied =
        Flyway.configure(SqliteDatabase.class.getClassLoader())
            .dataSource(dataSource)
            .locations(MIGRATIONS)
            .table(SCHEMA_HISTORY)
            .baselineOnMigrate(true)
            .baselineVersion("0")
            .failOnMissingLocations(true)
            .load()
            .migrate()
            .migrationsExecuted;
    log.info("SQLite database {}: {} migration(s) applied", describe(), applied);
    return applied;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  public String jdbcUrl() {
    return url.jdbcUrl();
  }

  /** The database file, absolute; null for an in-memory database. */
  public Path file() {
    return url.file();
  }

  public boolean inMemory() {
    return url.inMemory();
  }

  /** Closes the connection that keeps an in-memory database alive; nothing to do for a file. */
  @Override
  public void close() {
    if (inMemoryDataSource == null) {
      return;
    }
    try {
      inMemoryDataSource.close();
    } catch (SQLException e) {
      log.warn("closing in-memory SQLite database {} failed", url.jdbcUrl(), e);
    }
  }

  private String describe() {
    return url.inMemory() ? url.jdbcUrl() + " (in memory)" : url.file().toString();
  }

  @Override
  public String toString() {
    return "SqliteDatabase[" + describe() + "]";
  }
}
