package dev.baton.adapters.postgres;

import java.sql.SQLException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warnings about setups where the advisory lock cannot work as Baton needs: a transaction-mode
 * pooler (session locks do not survive it), and the key held by something that is not Baton.
 */
final class StartupChecks {
  private static final Logger log = LoggerFactory.getLogger(StartupChecks.class);
  private static final int PGBOUNCER_DEFAULT_PORT = 6432;

  private final PostgresSettings settings;

  StartupChecks(PostgresSettings settings) {
    this.settings = settings;
  }

  void run(LockSession session) {
    try {
      warnAboutTransactionPooler(session);
      warnAboutForeignHolder(session);
    } catch (SQLException e) {
      log.debug("Startup checks of the lock session failed", e);
    }
  }

  private void warnAboutTransactionPooler(LockSession session) throws SQLException {
    Set<Integer> backends = session.backendsAnswering(3);
    if (backends.size() > 1) {
      log.warn(
          "{} leads to a transaction-mode pooler (one connection reached backends {}): session"
              + " advisory locks do not work there; connect Baton to PostgreSQL directly or through"
              + " a session-mode pool",
          settings.connections().describe(),
          backends);
    } else if (settings.connections().describe().contains(":" + PGBOUNCER_DEFAULT_PORT + "/")) {
      log.warn(
          "BATON_DATABASE_URL uses port {}, PgBouncer's default: if a pooler runs there in"
              + " transaction mode, the leader lock will not hold",
          PGBOUNCER_DEFAULT_PORT);
    }
  }

  private void warnAboutForeignHolder(LockSession session) throws SQLException {
    for (LockSession.ForeignHolder holder : session.foreignHolders()) {
      log.warn(
          "The leader lock key {} is held by backend {} (application '{}'), which is not a Baton"
              + " instance: no Baton instance can lead until it lets go",
          settings.lockKey(),
          holder.pid(),
          holder.applicationName());
    }
  }
}
