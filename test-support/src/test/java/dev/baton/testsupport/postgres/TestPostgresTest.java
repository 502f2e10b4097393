package dev.baton.testsupport.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TestPostgresTest {

  @RegisterExtension static final TestPostgres postgres = new TestPostgres();

  @Test
  void theFreshDatabaseHandsOutAdvisoryLocks() throws SQLException {
    try (Connection connection = postgres.openConnection();
        Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery("select pg_try_advisory_lock(1), current_database()")) {
      assertThat(row.next()).isTrue();
      assertThat(row.getBoolean(1)).isTrue();
      assertThat(row.getString(2)).isEqualTo(postgres.databaseName());
    }
  }

  @Test
  void theUrlAloneIsEnoughToConnect() throws SQLException {
    try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl());
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("select current_database()")) {
      assertThat(row.next()).isTrue();
      assertThat(row.getString(1)).isEqualTo(postgres.databaseName());
    }
  }

  @Test
  void theDataSourcePointsAtTheSameDatabase() throws SQLException {
    try (Connection connection = postgres.dataSource().getConnection()) {
      assertThat(connection.getCatalog()).isEqualTo(postgres.databaseName());
    }
  }

  @Test
  void theAdminConnectionCanCutASessionOfTheDatabase() throws SQLException {
    try (Connection victim = postgres.openConnection();
        Connection admin = postgres.openAdminConnection()) {
      int pid = backendPid(victim);
      try (PreparedStatement terminate =
          admin.prepareStatement(
              "select pg_terminate_backend(pid) from pg_stat_activity"
                  + " where pid = ? and datname = ?")) {
        terminate.setInt(1, pid);
        terminate.setString(2, postgres.databaseName());
        try (ResultSet row = terminate.executeQuery()) {
          assertThat(row.next()).isTrue();
          assertThat(row.getBoolean(1)).isTrue();
        }
      }
      assertThat(victim.isValid(5)).isFalse();
    }
  }

  private static int backendPid(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("select pg_backend_pid()")) {
      row.next();
      return row.getInt(1);
    }
  }
}
