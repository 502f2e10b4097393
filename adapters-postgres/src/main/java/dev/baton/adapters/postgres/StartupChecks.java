package dev.baton.adapters.postgres;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
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
    Set<Integer> backends = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      backends.add(
          session.exclusively(
              () -> {
                try (PreparedStatement statement =
                        session.connection().prepareStatement("select pg_backend_pid()");
                    ResultSet rows = statement.executeQuery()) {
                  rows.next();
                  return rows.getInt(1);
                }
              }));
    }
    if (backends.size() > 1) {
      log.warn(
          "BATON_DATABASE_URL leads to a transaction-mode pooler (one connection reached backends"
              + " {}): session advisory locks do not work there; connect Baton to PostgreSQL"
              + " directly or through a session-mode pool",
          backends);
    } else if (settings.jdbcUrl().contains(":" + PGBOUNCER_DEFAULT_PORT + "/")) {
      log.warn(
          "BATON_DATABASE_URL uses port {}, PgBouncer's default: if a pooler runs there in"
              + " transaction mode, the leader lock will not hold",
          PGBOUNCER_DEFAULT_PORT);
    }
  }

  private void warnAboutForeignHolder(LockSession session) throws SQLException {
    session.exclusively(
        () -> {
          try (PreparedStatement statement =
              session
                  .connection()
                  .prepareStatement(
                      "select a.pid, coalesce(a.application_name, ''),"
                          + " exists (select 1 from scheduler_leadership s"
                          + "   where s.lock_key = ? and s.holder_instance_id = a.application_name)"
                          + " from pg_locks l join pg_stat_activity a on a.pid = l.pid"
                          + " where l.locktype = 'advisory' and l.objsubid = 1 and l.granted"
                          + " and l.database = (select oid from pg_database"
                          + " where datname = current_database())"
                          + " and ((l.classid::bigint << 32) | l.objid::bigint) = ?")) {
            statement.setLong(1, settings.lockKey());
            statement.setLong(2, settings.lockKey());
            try (ResultSet rows = statement.executeQuery()) {
              while (rows.next()) {
                if (!rows.getBoolean(3)) {
                  log.warn(
                      "The leader lock key {} is held by backend {} (application '{}'), which is"
                          + " not a Baton instance: no Baton instance can lead until it lets go",
                      settings.lockKey(),
                      rows.getInt(1),
                      rows.getString(2));
                }
              }
            }
          } catch (SQLException e) {
            // scheduler_leadership may not exist yet on a fresh database: nothing to compare.
            log.debug("Lock holder check skipped", e);
          }
          return null;
        });
  }
}
