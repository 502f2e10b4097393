package dev.baton.testsupport.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two classes with their own extension get two databases, and each is gone once its class ends. The
 * check runs in the enclosing class's {@code @AfterAll}, which JUnit runs after every nested class
 * has finished and before the enclosing class's own database is dropped.
 */
class TestPostgresPerClassTest {

  @RegisterExtension static final TestPostgres postgres = new TestPostgres();

  private static final List<String> nestedDatabases = new CopyOnWriteArrayList<>();

  @AfterAll
  static void eachNestedClassHadItsOwnDatabaseAndItIsGone() throws SQLException {
    assertThat(nestedDatabases).hasSize(2).doesNotHaveDuplicates();
    assertThat(nestedDatabases).doesNotContain(postgres.databaseName());
    for (String name : nestedDatabases) {
      assertThat(exists(name)).as(name).isFalse();
    }
    assertThat(exists(postgres.databaseName()))
        .as("the enclosing class's database outlives its nested classes")
        .isTrue();
  }

  @Nested
  class FirstClass {
    @RegisterExtension static final TestPostgres own = new TestPostgres();

    @Test
    void hasItsOwnDatabase() throws SQLException {
      nestedDatabases.add(own.databaseName());
      assertThat(own.databaseName()).isNotEqualTo(postgres.databaseName());
      assertThat(exists(own.databaseName())).isTrue();
    }
  }

  @Nested
  class SecondClass {
    @RegisterExtension static final TestPostgres own = new TestPostgres();

    @Test
    void hasItsOwnDatabase() throws SQLException {
      nestedDatabases.add(own.databaseName());
      assertThat(own.databaseName()).isNotEqualTo(postgres.databaseName());
      assertThat(exists(own.databaseName())).isTrue();
    }
  }

  @Nested
  class WithoutItsOwn {
    @Test
    void sharesTheEnclosingDatabase() throws SQLException {
      try (Connection connection = postgres.openConnection()) {
        assertThat(connection.getCatalog()).isEqualTo(postgres.databaseName());
      }
    }
  }

  private static boolean exists(String name) throws SQLException {
    try (Connection admin = postgres.openAdminConnection();
        PreparedStatement query =
            admin.prepareStatement("select 1 from pg_database where datname = ?")) {
      query.setString(1, name);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next();
      }
    }
  }
}
