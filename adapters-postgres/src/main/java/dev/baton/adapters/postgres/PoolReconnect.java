package dev.baton.adapters.postgres;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Brings Baton's own pool back as soon as the database answers again. After an outage HikariCP
 * retries new connections with a backoff that doubles up to 5 s, so the first statement of a new
 * term could wait seconds for a pool that the database would already serve. A granted lock proves
 * the database answers: {@link #now} then ends the backoff sleep of the pool's connection adder and
 * asks for one connection, which starts a fresh adder at once.
 *
 * <p>The pool's threads come from this factory, so those are the only threads it ever interrupts,
 * and only while they sleep in HikariCP's connection adder ({@code PoolEntryCreator}: its backoff,
 * or its short pause after a new connection); an interrupted adder ends, and the connection asked
 * for starts the next one.
 */
final class PoolReconnect implements ThreadFactory {
  private static final String ADDER = "com.zaxxer.hikari.pool.HikariPool$PoolEntryCreator";

  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
  private final AtomicInteger count = new AtomicInteger();

  @Override
  public Thread newThread(Runnable work) {
    Thread thread = new Thread(work, "baton-pool-" + count.incrementAndGet());
    thread.setDaemon(true);
    threads.add(thread);
    return thread;
  }

  /**
   * Cuts a backoff short when the pool has no idle connection.
   *
   * @return whether an adder was sleeping in its backoff
   */
  boolean now(HikariDataSource pool) {
    HikariPoolMXBean state = pool.getHikariPoolMXBean();
    if (state == null || state.getIdleConnections() > 0) {
      return false;
    }
    boolean woken = false;
    for (Thread thread : threads) {
      if (!thread.isAlive()) {
        threads.remove(thread);
      } else if (inBackoff(thread)) {
        thread.interrupt();
        woken = true;
      }
    }
    if (woken) {
      Thread asking = new Thread(() -> askForOne(pool), "baton-pool-reconnect");
      asking.setDaemon(true);
      asking.start();
    }
    return woken;
  }

  /** Whether {@code thread} is HikariCP's connection adder, asleep between two connections. */
  static boolean inBackoff(Thread thread) {
    StackTraceElement[] frames = thread.getStackTrace();
    boolean sleeping = false;
    for (StackTraceElement frame : frames) {
      if (frame.getClassName().equals("java.lang.Thread")
          && frame.getMethodName().equals("sleep")) {
        sleeping = true;
      }
      if (sleeping && frame.getClassName().equals(ADDER)) {
        return true;
      }
    }
    return false;
  }

  private static void askForOne(HikariDataSource pool) {
    try (Connection connection = pool.getConnection()) {
      connection.isValid(1);
    } catch (SQLException e) {
      // The pool retries on its own; this only started it early.
    }
  }
}
