package dev.baton.testsupport.postgres;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The one PostgreSQL server the tests of a JVM share, and the place where per-class databases are
 * created and dropped.
 *
 * <p>The server is found on first use of {@link #shared()} — {@code BATON_TEST_POSTGRES_URL}, else
 * PostgreSQL on 127.0.0.1:5432 as user postgres, else Testcontainers, else embedded PostgreSQL (see
 * {@link TestPostgres}) — and lives as long as the JVM: Testcontainers' reaper or embedded
 * PostgreSQL's shutdown hook stops what was started. Tests get their isolation from fresh
 * databases, never from a fresh server, so nothing here stops or reconfigures the server.
 *
 * <p>Most tests want {@link TestPostgres}; code outside a JUnit class lifecycle (a benchmark, a
 * test that must watch a drop happen) can call {@link #createDatabase()} itself.
 */
public final class PostgresServer {

  /** Every database this fixture creates starts with it, so strays are easy to find and drop. */
  public static final String DATABASE_PREFIX = "baton_test_";

  private static final SecureRandom RANDOM = new SecureRandom();

  private static PostgresServer shared;
  private static RuntimeException sharedFailure;

  private final PostgresUrl adminUrl;
  private final String origin;

  PostgresServer(PostgresUrl adminUrl, String origin) {
    this.adminUrl = adminUrl;
    this.origin = origin;
  }

  /**
   * The server of this JVM, found and if needed started on the first call.
   *
   * @throws IllegalStateException if no server could be found or started; later calls fail the same
   *     way at once instead of trying again for every test class
   */
  public static synchronized PostgresServer shared() {
    if (shared == null && sharedFailure == null) {
      try {
        shared = PostgresServerLocator.locate();
      } catch (RuntimeException e) {
        sharedFailure = e;
      }
    }
    if (sharedFailure != null) {
      throw new IllegalStateException(sharedFailure.getMessage(), sharedFailure);
    }
    return shared;
  }

  /**
   * The JDBC URL of the server's maintenance database as the admin user, for a tool that creates
   * its own databases (the failover harness). It may carry a password: never log it.
   */
  public String adminJdbcUrl() {
    return adminUrl.toJdbcUrl();
  }

  /**
   * A connection to the server's maintenance database as the user of the admin URL, for what a test
   * database's own sessions cannot do to themselves: watch {@code pg_stat_activity}, cut another
   * session with {@code pg_terminate_backend}.
   */
  public Connection openAdminConnection() throws SQLException {
    return dataSource(adminUrl).getConnection();
  }

  /**
   * Creates a database with a random name, owned by the admin user. The name carries 64 random bits
   * rather than a counter so that parallel JVMs sharing one server do not collide.
   */
  public TestDatabase createDatabase() throws SQLException {
    byte[] suffix = new byte[8];
    RANDOM.nextBytes(suffix);
    String name = DATABASE_PREFIX + HexFormat.of().formatHex(suffix);
    try (Connection admin = openAdminConnection();
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE DATABASE " + quoted(name));
    }
    return new TestDatabase(this, name, adminUrl.withDatabase(name));
  }

  /**
   * Ends the database's sessions, then drops it. Sessions a test leaked would otherwise make the
   * drop fail ("being accessed by other users"); {@code WITH (FORCE)} also covers a pool that
   * reconnects between the two statements. Dropping a database that is already gone is not an
   * error.
   */
  void dropDatabase(String name) throws SQLException {
    try (Connection admin = openAdminConnection()) {
      try (PreparedStatement terminate =
          admin.prepareStatement(
              "select pg_terminate_backend(pid) from pg_stat_activity"
                  + " where datname = ? and pid <> pg_backend_pid()")) {
        terminate.setString(1, name);
        terminate.execute();
      }
      boolean forceAvailable = admin.getMetaData().getDatabaseMajorVersion() >= 13;
      try (Statement drop = admin.createStatement()) {
        drop.execute(
            "DROP DATABASE IF EXISTS " + quoted(name) + (forceAvailable ? " WITH (FORCE)" : ""));
      }
    }
  }

  static DataSource dataSource(PostgresUrl url) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(url.toJdbcUrl());
    return dataSource;
  }

  private static String quoted(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  /** Where the server came from and its admin URL, password masked. */
  @Override
  public String toString() {
    return origin + " " + adminUrl.redacted();
  }
}
