package dev.baton.testsupport.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** Drives create and drop by hand, so "dropped afterwards" is observed rather than assumed. */
class TestDatabaseTest {

  private final PostgresServer server = PostgresServer.shared();

  @Test
  void closeDropsTheDatabaseAndCutsSessionsLeftOpen() throws SQLException {
    TestDatabase database = server.createDatabase();
    Connection leaked = database.openConnection();
    try (Statement statement = leaked.createStatement()) {
      statement.execute("select pg_advisory_lock(1)");
    }
    assertThat(exists(database.name())).isTrue();

    database.close();

    assertThat(exists(database.name())).isFalse();
    assertThat(leaked.isValid(5)).isFalse();
    leaked.close();
  }

  @Test
  void closingTwiceIsHarmless() throws SQLException {
    TestDatabase database = server.createDatabase();

    database.close();
    database.close();

    assertThat(exists(database.name())).isFalse();
  }

  @Test
  void namesAreFreshEachTime() throws SQLException {
    try (TestDatabase first = server.createDatabase();
        TestDatabase second = server.createDatabase()) {
      assertThat(first.name()).matches("baton_test_[0-9a-f]{16}");
      assertThat(second.name()).isNotEqualTo(first.name());
      assertThat(first.jdbcUrl()).contains("/" + first.name()).doesNotContain(second.name());
    }
  }

  private boolean exists(String name) throws SQLException {
    try (Connection admin = server.openAdminConnection();
        PreparedStatement query =
            admin.prepareStatement("select 1 from pg_database where datname = ?")) {
      query.setString(1, name);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next();
      }
    }
  }
}
