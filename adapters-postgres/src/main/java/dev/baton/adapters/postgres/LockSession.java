package dev.baton.adapters.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One dedicated connection that takes, proves and gives back the advisory lock. Autocommit, only
 * short statements (or a bounded lock wait), one statement at a time. {@link #holdsLock} keeps it
 * from locking twice: advisory locks stack, and each lock needs its own unlock.
 */
final class LockSession implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LockSession.class);

  /** SQLSTATE lock_not_available: the lock wait (or a row lock) ran into lock_timeout. */
  static final String LOCK_NOT_AVAILABLE = "55P03";

  private static final String HOLDS_LOCK =
      "select exists (select 1 from pg_locks where locktype = 'advisory' and objsubid = 1"
          + " and pid = pg_backend_pid() and granted"
          + " and ((classid::bigint << 32) | objid::bigint) = ?)";

  private final Connection connection;
  private final long lockKey;
  private final int backendPid;
  private final ReentrantLock inUse = new ReentrantLock();
  private volatile boolean holdsLock;
  private volatile boolean closed;

  LockSession(Connection connection, long lockKey) throws SQLException {
    this.connection = connection;
    this.lockKey = lockKey;
    this.backendPid = connection.unwrap(PGConnection.class).getBackendPID();
  }

  int backendPid() {
    return backendPid;
  }

  boolean holdsLock() {
    return holdsLock;
  }

  Connection connection() {
    return connection;
  }

  /** {@code pg_try_advisory_lock}: true when granted now. */
  boolean tryLock() throws SQLException {
    requireNotHolding();
    return exclusively(
        () -> {
          try (PreparedStatement statement =
              connection.prepareStatement("select pg_try_advisory_lock(?)")) {
            statement.setLong(1, lockKey);
            holdsLock = singleBoolean(statement);
            return holdsLock;
          }
        });
  }

  /**
   * {@code pg_advisory_lock} under {@code lock_timeout = maxWait}: true as soon as the lock is
   * granted, false when the wait ran out.
   */
  boolean lockWithin(Duration maxWait) throws SQLException {
    requireNotHolding();
    return exclusively(
        () -> {
          setLockTimeout(maxWait);
          try (PreparedStatement statement =
              connection.prepareStatement("select pg_advisory_lock(?)")) {
            statement.setLong(1, lockKey);
            statement.execute();
            holdsLock = true;
            return true;
          } catch (SQLException e) {
            if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
              return false;
            }
            throw e;
          } finally {
            if (!closed) {
              setLockTimeout(Duration.ZERO);
            }
          }
        });
  }

  /** Whether this session still holds the lock, as {@code pg_locks} shows it. Read-only. */
  boolean provesLock() throws SQLException {
    return exclusively(
        () -> {
          try (PreparedStatement statement = connection.prepareStatement(HOLDS_LOCK)) {
            statement.setLong(1, lockKey);
            return singleBoolean(statement);
          }
        });
  }

  /** {@code pg_advisory_unlock}; true when the lock was held and is now given back. */
  boolean unlock() throws SQLException {
    return exclusively(
        () -> {
          try (PreparedStatement statement =
              connection.prepareStatement("select pg_advisory_unlock(?)")) {
            statement.setLong(1, lockKey);
            boolean released = singleBoolean(statement);
            holdsLock = false;
            return released;
          }
        });
  }

  /** Runs {@code work} as the only user of the connection. */
  <T> T exclusively(SqlWork<T> work) throws SQLException {
    inUse.lock();
    try {
      if (closed) {
        throw new SQLException("lock session closed", "08003");
      }
      return work.run();
    } finally {
      inUse.unlock();
    }
  }

  /** Like {@link #exclusively} but gives up after {@code wait} when a statement hangs. */
  <T> T exclusivelyWithin(Duration wait, SqlWork<T> work) throws SQLException {
    boolean acquired;
    try {
      acquired = inUse.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      acquired = false;
    }
    if (!acquired) {
      throw new SQLException("lock session busy for more than " + wait.toMillis() + " ms", "57014");
    }
    try {
      if (closed) {
        throw new SQLException("lock session closed", "08003");
      }
      return work.run();
    } finally {
      inUse.unlock();
    }
  }

  void setLockTimeout(Duration timeout) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("set lock_timeout = " + timeout.toMillis());
    }
  }

  /** Cancels the statement in flight, from another thread. */
  void cancelStatement() {
    try {
      connection.unwrap(PGConnection.class).cancelQuery();
    } catch (SQLException e) {
      log.debug("Cancelling the lock session's statement failed", e);
    }
  }

  /**
   * Closes the connection; the server then drops the lock if it still held it. Never waits for a
   * statement in flight: a hung one is aborted.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    holdsLock = false;
    boolean idle = inUse.tryLock();
    try {
      if (idle) {
        connection.close();
      } else {
        connection.abort(Runnable::run);
      }
    } catch (SQLException | RuntimeException e) {
      log.debug("Closing the lock session failed", e);
    } finally {
      if (idle) {
        inUse.unlock();
      }
    }
  }

  boolean isClosed() {
    return closed;
  }

  private static boolean singleBoolean(PreparedStatement statement) throws SQLException {
    try (ResultSet rows = statement.executeQuery()) {
      rows.next();
      return rows.getBoolean(1);
    }
  }

  private void requireNotHolding() {
    if (holdsLock) {
      throw new IllegalStateException("this session already holds the lock; it never locks twice");
    }
  }

  @FunctionalInterface
  interface SqlWork<T> {
    T run() throws SQLException;
  }
}
