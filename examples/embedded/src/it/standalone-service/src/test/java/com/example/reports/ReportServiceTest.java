package com.example.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.embedded.Baton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service's job runs under leadership on both databases Baton supports. */
class ReportServiceTest {
  private static final long WAIT_MS = 30_000;

  @TempDir Path directory;

  @Test
  void onSqliteBesideTheServicesOwnFlywayHistory() throws Exception {
    String url = "jdbc:sqlite:" + directory.resolve("reports.db");
    Flyway.configure().dataSource(url, null, null).load().migrate();

    try (Baton baton = ReportService.start(Baton.builder().sqlite(directory.resolve("reports.db")))) {
      awaitReports(url, 3);
      assertTrue(baton.isLeader());
    }

    assertEquals(List.of("V1__report.sql"), strings(url, "select script from flyway_schema_history where version is not null"));
    assertEquals(List.of("1"), strings(url, "select count(distinct instance_id) from report"));
  }

  @Test
  void onPostgresWithBatonsSqlAppliedByTheServicesOwnFlyway() throws Exception {
    String server =
        System.getenv().getOrDefault(
            "BATON_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
    String database = "reports_" + UUID.randomUUID().toString().replace("-", "");
    String url = server.replaceFirst("/postgres(\\?|$)", "/" + database + "$1");
    execute(server, "create database " + database);
    try {
      Flyway.configure().dataSource(url, null, null).load().migrate();
      // migrate(false): the service applies Baton's SQL itself, as its schema tooling would.
      Flyway.configure()
          .dataSource(url, null, null)
          .locations("classpath:dev/baton/migration/postgresql")
          .schemas("baton")
          .table("baton_schema_history")
          .load()
          .migrate();

      try (Baton baton = ReportService.start(Baton.builder().postgres(url).migrate(false))) {
        awaitReports(url, 3);
        assertTrue(baton.isLeader());
      }

      assertEquals(List.of("V1__report.sql"), strings(url, "select script from public.flyway_schema_history"));
      assertEquals(List.of("1"), strings(url, "select count(distinct instance_id) from report"));
    } finally {
      execute(server, "drop database if exists " + database + " with (force)");
    }
  }

  private static void awaitReports(String url, int atLeast) throws Exception {
    long deadline = System.currentTimeMillis() + WAIT_MS;
    while (Integer.parseInt(strings(url, "select count(*) from report").get(0)) < atLeast) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("fewer than " + atLeast + " reports within " + WAIT_MS + " ms");
      }
      Thread.sleep(50);
    }
  }

  private static List<String> strings(String url, String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      List<String> values = new ArrayList<>();
      while (rows.next()) {
        values.add(rows.getString(1));
      }
      return values;
    }
  }

  private static void execute(String url, String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
