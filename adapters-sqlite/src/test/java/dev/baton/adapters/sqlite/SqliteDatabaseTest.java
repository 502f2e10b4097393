package dev.baton.adapters.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.persistence.MigrationHistory;
import dev.baton.testsupport.ShippedMigrations;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteDatabaseTest {
  /** Every migration Baton ships: the files under its migrations' location. */
  private static final int MIGRATIONS =
      ShippedMigrations.versions(SqliteDatabase.class, "/dev/baton/migration/sqlite").size();

  @TempDir Path directory;

  @Test
  void createsTheDirectoryOfItsFile() {
    Path file = directory.resolve("nested/data/baton.db");

    SqliteDatabase database = new SqliteDatabase("jdbc:sqlite:" + file);

    assertThat(file.getParent()).isDirectory();
    assertThat(database.file()).isEqualTo(file.toAbsolutePath());
    assertThat(database.inMemory()).isFalse();
  }

  @Test
  void everyConnectionUsesWalABusyTimeoutAndForeignKeys() throws SQLException {
    SqliteDatabase database = new SqliteDatabase("jdbc:sqlite:" + directory.resolve("baton.db"));

    for (int i = 0; i < 2; i++) {
      try (Connection connection = database.dataSource().getConnection()) {
        assertThat(pragma(connection, "journal_mode")).isEqualTo("wal");
        assertThat(pragma(connection, "busy_timeout")).isEqualTo("5000");
        assertThat(pragma(connection, "foreign_keys")).isEqualTo("1");
      }
    }
  }

  @Test
  void migratesOnceAndCreatesTheSchedulerTables() {
    SqliteDatabase database = new SqliteDatabase("jdbc:sqlite:" + directory.resolve("baton.db"));

    assertThat(database.migrate()).isEqualTo(MIGRATIONS);
    assertThat(database.migrate()).isZero();

    List<String> tables =
        TestDatabases.strings(
            database,
            "SELECT name FROM sqlite_schema WHERE type = 'table'"
                + " AND name NOT LIKE 'sqlite%' ORDER BY name");
    assertThat(tables)
        .containsExactly(
            "baton_instance",
            "baton_job_run",
            "baton_leadership",
            "baton_leadership_history",
            "baton_llm_batch",
            "baton_llm_batch_item",
            "baton_provider_webhook_event",
            "baton_scheduled_job",
            "baton_schema_history",
            "baton_webhook_delivery");
  }

  @Test
  void theLatestMigrationNamedInCodeIsTheLastFileShipped() {
    List<String> shipped =
        ShippedMigrations.versions(SqliteDatabase.class, "/dev/baton/migration/sqlite");

    assertThat(SqliteDatabase.LATEST_MIGRATION)
        .isEqualTo(Integer.parseInt(shipped.get(shipped.size() - 1)));
  }

  /** What lets a start on an up-to-date file skip Flyway, and what sends it to Flyway. */
  @Test
  void onlyAHistoryWithEveryShippedMigrationSuccessfulIsUpToDate() {
    SqliteDatabase database = new SqliteDatabase("jdbc:sqlite:" + directory.resolve("baton.db"));
    int latest = SqliteDatabase.LATEST_MIGRATION;
    assertThat(upToDate(database)).as("no history table yet").isFalse();

    database.migrate();
    assertThat(upToDate(database)).isTrue();

    execute(database, "UPDATE baton_schema_history SET success = 0 WHERE version = '1'");
    assertThat(upToDate(database)).as("a failed migration").isFalse();
    execute(database, "UPDATE baton_schema_history SET success = 1 WHERE version = '1'");

    execute(
        database,
        "UPDATE baton_schema_history SET version = '99' WHERE version = '" + latest + "'");
    assertThat(upToDate(database)).as("a version this build does not know").isFalse();

    execute(database, "DELETE FROM baton_schema_history WHERE version = '99'");
    assertThat(upToDate(database)).as("the last migration missing").isFalse();
  }

  private static boolean upToDate(SqliteDatabase database) {
    return MigrationHistory.isUpToDate(
        database.jdbi(), SqliteDatabase.SCHEMA_HISTORY, SqliteDatabase.LATEST_MIGRATION);
  }

  private static void execute(SqliteDatabase database, String sql) {
    database.jdbi().useHandle(handle -> handle.execute(sql));
  }

  @Test
  void processesStartingTogetherMigrateTheSameFileOnce() throws Exception {
    String url = "jdbc:sqlite:" + directory.resolve("baton.db");
    int starters = 4;
    CountDownLatch ready = new CountDownLatch(starters);
    ExecutorService executor = Executors.newFixedThreadPool(starters);
    try {
      Callable<Integer> migrate =
          () -> {
            SqliteDatabase database = new SqliteDatabase(url);
            ready.countDown();
            ready.await();
            return database.migrate();
          };
      List<Future<Integer>> applied =
          executor.invokeAll(List.of(migrate, migrate, migrate, migrate));

      int total = 0;
      for (Future<Integer> each : applied) {
        total += each.get(30, TimeUnit.SECONDS);
      }
      assertThat(total).isEqualTo(MIGRATIONS);
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void anInMemoryDatabaseHasNoFileAndKeepsItsDataAcrossHandles() {
    try (SqliteDatabase database = new SqliteDatabase("jdbc:sqlite::memory:")) {
      database.migrate();
      database
          .jdbi()
          .useHandle(
              handle ->
                  handle.execute("INSERT INTO baton_scheduled_job (job_name) VALUES (?)", "probe"));

      assertThat(database.file()).isNull();
      assertThat(database.inMemory()).isTrue();
      int stored =
          database
              .jdbi()
              .withHandle(
                  handle ->
                      handle
                          .createQuery("SELECT count(*) FROM baton_scheduled_job")
                          .mapTo(Integer.class)
                          .one());
      assertThat(stored).isEqualTo(1);
    }
  }

  @Test
  void anInMemoryTransactionLeftOpenIsRolledBackWhenItsConnectionIsReturned() throws SQLException {
    try (SqliteDatabase database = new SqliteDatabase("jdbc:sqlite::memory:")) {
      database.migrate();
      try (Connection connection = database.dataSource().getConnection();
          Statement statement = connection.createStatement()) {
        connection.setAutoCommit(false);
        statement.execute("INSERT INTO baton_scheduled_job (job_name) VALUES ('abandoned')");
      }

      try (Connection connection = database.dataSource().getConnection()) {
        assertThat(connection.getAutoCommit()).isTrue();
        try (Statement statement = connection.createStatement();
            ResultSet rows = statement.executeQuery("SELECT count(*) FROM baton_scheduled_job")) {
          rows.next();
          assertThat(rows.getInt(1)).isZero();
        }
      }
    }
  }

  private static String pragma(Connection connection, String name) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("PRAGMA " + name)) {
      rows.next();
      return rows.getString(1);
    }
  }
}
