package dev.baton.testsupport.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives a test class a real PostgreSQL database of its own: created before the class's first test,
 * dropped after its last, so tests never see another class's tables, locks or leftovers, and a
 * class that leaks sessions cannot keep its database alive.
 *
 * <pre>{@code
 * class PostgresAdvisoryLockLeadershipTest {
 *   @RegisterExtension static final TestPostgres postgres = new TestPostgres();
 *
 *   @Test
 *   void takesTheLock() throws SQLException {
 *     try (Connection connection = postgres.openConnection()) { ... }
 *   }
 *
 *   @Test
 *   void stepsDownWhenItsSessionIsKilled() throws SQLException {
 *     try (Connection admin = postgres.openAdminConnection()) {
 *       // select pg_terminate_backend(pid) from pg_stat_activity where datname = ?
 *     }
 *   }
 * }
 * }</pre>
 *
 * <p>The field must be static: the database belongs to the class, not to a test method. {@code
 * Nested} classes share their enclosing class's database; a nested class that wants its own
 * registers a {@code TestPostgres} of its own.
 *
 * <p>All test classes of a JVM share one server ({@link PostgresServer#shared()}), found in this
 * order:
 *
 * <ol>
 *   <li>{@code BATON_TEST_POSTGRES_URL}, an existing server, e.g. {@code
 *       jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}. Its user needs {@code CREATEDB};
 *       its query parameters are kept in every database's URL.
 *   <li>{@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres} when it answers: a machine
 *       with PostgreSQL installed from its packages needs no setting at all.
 *   <li>Testcontainers ({@code postgres} image) when a Docker engine answers.
 *   <li>Embedded PostgreSQL (zonky) when the JVM does not run as root, which initdb refuses.
 * </ol>
 *
 * <p>If none of these is possible the class fails with one line saying so.
 */
public final class TestPostgres implements BeforeAllCallback, AfterAllCallback {

  private volatile TestDatabase database;
  private volatile String ownerUniqueId;

  @Override
  public void beforeAll(ExtensionContext context) throws SQLException {
    // A Nested class inherits the enclosing class's extensions and calls them again.
    if (database != null) {
      return;
    }
    database = PostgresServer.shared().createDatabase();
    ownerUniqueId = context.getUniqueId();
  }

  @Override
  public void afterAll(ExtensionContext context) throws SQLException {
    TestDatabase current = database;
    if (current == null || !context.getUniqueId().equals(ownerUniqueId)) {
      return;
    }
    database = null;
    ownerUniqueId = null;
    current.close();
  }

  /** With user, password and the server URL's other parameters: enough on its own to connect. */
  public String jdbcUrl() {
    return database().jdbcUrl();
  }

  public String databaseName() {
    return database().name();
  }

  /** Unpooled: each {@code getConnection()} opens a new session. */
  public DataSource dataSource() {
    return database().dataSource();
  }

  public Connection openConnection() throws SQLException {
    return database().openConnection();
  }

  /**
   * A connection to the server's maintenance database, for cutting this class's sessions with
   * {@code pg_terminate_backend} or watching {@code pg_stat_activity} and {@code pg_locks}. Do not
   * stop or reconfigure the server through it: every test class of the JVM shares it.
   */
  public Connection openAdminConnection() throws SQLException {
    return database().server().openAdminConnection();
  }

  /** For code that wants the whole handle, e.g. to pass it on. */
  public TestDatabase database() {
    TestDatabase current = database;
    if (current == null) {
      throw new IllegalStateException(
          "TestPostgres has a database only while its test class runs:"
              + " register it with @RegisterExtension on a static field");
    }
    return current;
  }
}
