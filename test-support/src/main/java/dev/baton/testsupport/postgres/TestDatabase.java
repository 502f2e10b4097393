package dev.baton.testsupport.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * A database of its own on the shared {@link PostgresServer}; {@link #close()} drops it, cutting
 * any session still open on it.
 */
public final class TestDatabase implements AutoCloseable {

  private final PostgresServer server;
  private final String name;
  private final PostgresUrl url;
  private final DataSource dataSource;
  private final AtomicBoolean dropped = new AtomicBoolean();

  TestDatabase(PostgresServer server, String name, PostgresUrl url) {
    this.server = server;
    this.name = name;
    this.url = url;
    this.dataSource = PostgresServer.dataSource(url);
  }

  public String name() {
    return name;
  }

  /**
   * Carries the credentials and every parameter of the server's admin URL, so it alone is enough
   * wherever Baton takes a single URL ({@code BATON_DATABASE_URL}, Hikari's {@code jdbcUrl}).
   */
  public String jdbcUrl() {
    return url.toJdbcUrl();
  }

  /** Unpooled: each {@code getConnection()} opens a new session. */
  public DataSource dataSource() {
    return dataSource;
  }

  public Connection openConnection() throws SQLException {
    return dataSource.getConnection();
  }

  public PostgresServer server() {
    return server;
  }

  /** Idempotent, so an explicit close inside a try-with-resources block is harmless. */
  @Override
  public void close() throws SQLException {
    if (dropped.compareAndSet(false, true)) {
      server.dropDatabase(name);
    }
  }

  @Override
  public String toString() {
    return name + " on " + server;
  }
}
