package dev.baton.adapters.postgres;

import dev.baton.domain.LeaderLockEntry;
import java.sql.Timestamp;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** The leader lock as {@code pg_locks} shows it: its holder and the sessions waiting for it. */
public final class PostgresLockInspection {

  private final Jdbi jdbi;
  private final long lockKey;

  public PostgresLockInspection(PostgresDatabase database) {
    this.jdbi = database.jdbi();
    this.lockKey = database.settings().lockKey();
  }

  /** The holder first, then the waiters, oldest wait first. */
  public List<LeaderLockEntry> sessions() {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "select l.pid, l.granted, coalesce(a.application_name, '') as app,"
                        + " coalesce(a.state, '') as state, a.query_start"
                        + " from pg_locks l left join pg_stat_activity a on a.pid = l.pid"
                        + " where l.locktype = 'advisory' and l.objsubid = 1"
                        // advisory locks belong to one database; pg_locks shows every database's
                        + " and l.database = (select oid from pg_database"
                        + " where datname = current_database())"
                        + " and ((l.classid::bigint << 32) | l.objid::bigint) = :key"
                        + " order by l.granted desc, a.query_start")
                .bind("key", lockKey)
                .map(
                    (rows, ctx) -> {
                      Timestamp since = rows.getTimestamp("query_start");
                      return new LeaderLockEntry(
                          rows.getInt("pid"),
                          rows.getBoolean("granted"),
                          rows.getString("app"),
                          rows.getString("state"),
                          since == null ? null : since.toInstant());
                    })
                .list());
  }
}
