package dev.baton.adapters.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens for clean releases ({@code NOTIFY baton_leadership}) on a connection of its own, so a
 * follower in poll mode tries the lock at once instead of at its next poll.
 */
final class ReleaseNotices implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ReleaseNotices.class);
  private static final int POLL_MILLIS = 500;

  private final PostgresDatabase database;
  private final AtomicBoolean running = new AtomicBoolean();
  private volatile Thread thread;

  ReleaseNotices(PostgresDatabase database) {
    this.database = database;
  }

  void start(long lockKey, Runnable listener) {
    if (!running.compareAndSet(false, true)) {
      return;
    }
    Thread listening = new Thread(() -> listen(lockKey, listener), "baton-release-notices");
    listening.setDaemon(true);
    thread = listening;
    listening.start();
  }

  private void listen(long lockKey, Runnable listener) {
    String prefix = lockKey + ":";
    while (running.get()) {
      LockConnections connections = database.lockConnections();
      Connection connection = null;
      boolean failed = false;
      try {
        connection = connections.open();
        try (Statement statement = connection.createStatement()) {
          statement.execute("listen " + LockSession.RELEASE_CHANNEL);
        }
        PGConnection notices = connection.unwrap(PGConnection.class);
        while (running.get()) {
          PGNotification[] received = notices.getNotifications(POLL_MILLIS);
          if (received == null) {
            continue;
          }
          for (PGNotification notice : received) {
            if (notice.getParameter().startsWith(prefix)) {
              log.debug("Clean release notice {}", notice.getParameter());
              listener.run();
            }
          }
        }
      } catch (SQLException | RuntimeException e) {
        failed = true;
        if (running.get()) {
          log.debug("Release notice listener reconnects after: {}", e.toString());
        }
      } finally {
        if (connection != null) {
          // It never locks: it goes back reset, or aborted when it cannot be reset.
          connections.giveBack(connection, false, false);
        }
      }
      if (failed && running.get()) {
        pauseBeforeReconnect();
      }
    }
  }

  private static void pauseBeforeReconnect() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    running.set(false);
    Thread listening = thread;
    if (listening != null) {
      listening.interrupt();
    }
  }
}
