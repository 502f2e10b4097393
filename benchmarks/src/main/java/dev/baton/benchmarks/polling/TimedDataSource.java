package dev.baton.benchmarks.polling;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongSupplier;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The pool Baton is given, with the time each connection is checked out noted: from the call of
 * {@code getConnection()} (a wait for a free connection included) to {@code close()}, which for
 * Baton's store is one fenced transaction or one query. Only connections given back count, so the
 * lock session and the {@code LISTEN} connection, which Baton holds as long as it leads, never do.
 */
final class TimedDataSource implements DataSource {
  private final DataSource pool;
  private final LongSupplier nanoTime;
  private final Queue<Checkout> returned = new ConcurrentLinkedQueue<>();

  TimedDataSource(DataSource pool) {
    this(pool, System::nanoTime);
  }

  TimedDataSource(DataSource pool, LongSupplier nanoTime) {
    this.pool = pool;
    this.nanoTime = nanoTime;
  }

  /** One connection from its checkout to its return, on the nano clock (System.nanoTime). */
  record Checkout(long fromNanos, long toNanos) {
    double millisWithin(long startNanos, long endNanos) {
      long from = Math.max(fromNanos, startNanos);
      long to = Math.min(toNanos, endNanos);
      return to > from ? (to - from) / 1e6 : 0;
    }
  }

  /**
   * The checkout time of the connections given back so far, the part of each within {@code
   * startNanos} to {@code endNanos}, added up (calls in parallel each count); forgets them.
   */
  double takeMillisWithin(long startNanos, long endNanos) {
    List<Checkout> taken = new ArrayList<>();
    Checkout checkout;
    while ((checkout = returned.poll()) != null) {
      taken.add(checkout);
    }
    return taken.stream().mapToDouble(each -> each.millisWithin(startNanos, endNanos)).sum();
  }

  @Override
  public Connection getConnection() throws SQLException {
    long from = nanoTime.getAsLong();
    return timed(pool.getConnection(), from);
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    long from = nanoTime.getAsLong();
    return timed(pool.getConnection(username, password), from);
  }

  /** {@code from}: when the connection was asked for, so a wait for a free one counts too. */
  private Connection timed(Connection connection, long from) {
    InvocationHandler handler =
        new InvocationHandler() {
          private boolean closed;

          @Override
          public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            boolean closing =
                !closed && method.getName().equals("close") && method.getParameterCount() == 0;
            try {
              return method.invoke(connection, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            } finally {
              if (closing) {
                closed = true;
                returned.add(new Checkout(from, nanoTime.getAsLong()));
              }
            }
          }
        };
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return pool.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    pool.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    pool.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return pool.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return pool.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    return pool.unwrap(type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) throws SQLException {
    return pool.isWrapperFor(type);
  }
}
