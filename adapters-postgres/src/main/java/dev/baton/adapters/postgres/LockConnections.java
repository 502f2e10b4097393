package dev.baton.adapters.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections of Baton's lock sessions and release listener: never an ordinary pooled
 * connection that someone else could be handed while it may still hold the lock.
 */
abstract sealed class LockConnections {
  private static final Logger log = LoggerFactory.getLogger(LockConnections.class);

  static LockConnections of(PostgresSettings settings) {
    if (settings.connections() instanceof PostgresConnections.HostPool host) {
      return new Borrowed(host.dataSource(), settings);
    }
    return new Dedicated(
        ((PostgresConnections.OwnPool) settings.connections()).jdbcUrl(), settings);
  }

  /**
   * A connection configured as a lock session: autocommit, keepalives, named after the instance.
   */
  abstract Connection open() throws SQLException;

  /**
   * Ends this use of {@code connection}. One that is busy or may hold the lock is aborted: the
   * server then ends the session, and the lock with it.
   */
  abstract void giveBack(Connection connection, boolean busy, boolean mayHoldLock);

  static void abort(Connection connection) {
    try {
      connection.abort(Runnable::run);
    } catch (SQLException | RuntimeException e) {
      log.debug("Aborting a lock connection failed", e);
    }
  }

  /** Opened for Baton alone from the URL, configured in the startup packet; closed after use. */
  static final class Dedicated extends LockConnections {
    private final String jdbcUrl;
    private final PostgresSettings settings;

    Dedicated(String jdbcUrl, PostgresSettings settings) {
      this.jdbcUrl = jdbcUrl;
      this.settings = settings;
    }

    @Override
    Connection open() throws SQLException {
      Connection connection =
          DriverManager.getConnection(jdbcUrl, ConnectionProperties.lockSession(settings));
      connection.setAutoCommit(true);
      return connection;
    }

    @Override
    void giveBack(Connection connection, boolean busy, boolean mayHoldLock) {
      if (busy) {
        abort(connection);
        return;
      }
      try {
        connection.close();
      } catch (SQLException e) {
        log.debug("Closing a lock connection failed", e);
      }
    }
  }

  /**
   * Borrowed from the application's pool, configured with {@code SET} for as long as Baton holds
   * it, and given back reset, with no advisory lock, only when its lock is certainly given back.
   * Otherwise it is aborted first, and the pool finds it closed.
   */
  static final class Borrowed extends LockConnections {
    private final DataSource pool;
    private final PostgresSettings settings;

    Borrowed(DataSource pool, PostgresSettings settings) {
      this.pool = pool;
      this.settings = settings;
    }

    @Override
    Connection open() throws SQLException {
      Connection connection = pool.getConnection();
      try {
        connection.setAutoCommit(true);
        connection.setNetworkTimeout(
            Runnable::run, Math.toIntExact(settings.lockSessionSocketTimeout().toMillis()));
        try (Statement statement = connection.createStatement()) {
          statement.execute(ConnectionProperties.lockSessionSettings(settings));
        }
        return connection;
      } catch (SQLException | RuntimeException e) {
        abort(connection);
        closeQuietly(connection);
        throw e;
      }
    }

    @Override
    void giveBack(Connection connection, boolean busy, boolean mayHoldLock) {
      if (!busy && !mayHoldLock) {
        try (Statement statement = connection.createStatement()) {
          statement.execute("select pg_advisory_unlock_all(); unlisten *; reset all");
          connection.setNetworkTimeout(Runnable::run, 0);
          connection.close();
          return;
        } catch (SQLException | RuntimeException e) {
          log.debug("Resetting a borrowed lock connection failed; it is aborted", e);
        }
      }
      abort(connection);
      closeQuietly(connection);
    }

    /** Tells the pool the connection is done with; the pool finds an aborted one closed. */
    private static void closeQuietly(Connection connection) {
      try {
        connection.close();
      } catch (SQLException | RuntimeException e) {
        log.debug("Closing an aborted lock connection failed", e);
      }
    }
  }
}
