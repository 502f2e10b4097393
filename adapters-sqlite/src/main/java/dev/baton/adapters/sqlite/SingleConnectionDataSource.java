package dev.baton.adapters.sqlite;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Lends one connection to one thread at a time, always the same connection: an in-memory SQLite
 * database lives only as long as its connection, and every other connection would open a new, empty
 * database.
 */
final class SingleConnectionDataSource implements DataSource, AutoCloseable {
  private final Connection connection;
  // Reentrant so that a thread opening a second handle (Flyway does) shares the connection
  // instead of waiting for itself.
  private final ReentrantLock lent = new ReentrantLock(true);
  private volatile boolean closed;

  SingleConnectionDataSource(Connection connection) {
    this.connection = connection;
  }

  @Override
  public Connection getConnection() throws SQLException {
    try {
      lent.lockInterruptibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while waiting for the in-memory database connection", e);
    }
    if (closed) {
      lent.unlock();
      throw new SQLException("the in-memory database is closed");
    }
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            new LentConnection());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return getConnection();
  }

  @Override
  public void close() throws SQLException {
    lent.lock();
    try {
      closed = true;
      connection.close();
    } finally {
      lent.unlock();
    }
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new SQLException("not a wrapper for " + type.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return type.isInstance(this);
  }

  /** One loan of the connection; closing it gives the connection back instead of closing it. */
  private final class LentConnection implements InvocationHandler {
    private boolean returned;

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      switch (method.getName()) {
        case "close":
          giveBack();
          return null;
        case "isClosed":
          return returned || connection.isClosed();
        case "equals":
          return proxy == args[0];
        case "hashCode":
          return System.identityHashCode(proxy);
        case "toString":
          return "lent " + connection;
        default:
          if (returned) {
            throw new SQLException("connection already returned");
          }
          try {
            return method.invoke(connection, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
      }
    }

    private void giveBack() throws SQLException {
      if (returned) {
        return;
      }
      returned = true;
      try {
        // The last loan on this thread leaves no transaction behind for the next borrower.
        if (lent.getHoldCount() == 1 && !closed && !connection.getAutoCommit()) {
          connection.rollback();
          connection.setAutoCommit(true);
        }
      } finally {
        lent.unlock();
      }
    }
  }
}
