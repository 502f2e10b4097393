package dev.baton.adapters.sqlite;

import dev.baton.domain.FencedOutException;
import dev.baton.domain.LeadershipRecord;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The statements on {@code baton_leadership}, one row per lock key. */
final class LeadershipTable {
  private LeadershipTable() {}

  /** Records a new holder under the next term (the first is 1); returns that term. */
  static long grant(
      Handle handle, long lockKey, String holderInstanceId, long holderPid, Instant acquiredAt) {
    handle
        .createUpdate(
            """
            INSERT INTO <schema>.baton_leadership
                (lock_key, term, holder_instance_id, holder_pid, acquired_at, released_at,
                 released_cleanly)
            VALUES (:lockKey, 1, :holderInstanceId, :holderPid, :acquiredAt, NULL, 0)
            ON CONFLICT (lock_key) DO UPDATE SET
                term = baton_leadership.term + 1,
                holder_instance_id = excluded.holder_instance_id,
                holder_pid = excluded.holder_pid,
                acquired_at = excluded.acquired_at,
                released_at = NULL,
                released_cleanly = 0
            """)
        .bind("lockKey", lockKey)
        .bind("holderInstanceId", holderInstanceId)
        .bind("holderPid", holderPid)
        .bind("acquiredAt", SqliteTimestamps.format(acquiredAt))
        .execute();
    return currentTerm(handle, lockKey).orElseThrow();
  }

  /** Marks the release of {@code term}; false when a later term (or none) is stored. */
  static boolean markReleasedCleanly(Handle handle, long lockKey, long term, Instant releasedAt) {
    return handle
            .createUpdate(
                """
                UPDATE <schema>.baton_leadership
                SET released_at = :releasedAt, released_cleanly = 1
                WHERE lock_key = :lockKey AND term = :term AND released_at IS NULL
                """)
            .bind("releasedAt", SqliteTimestamps.format(releasedAt))
            .bind("lockKey", lockKey)
            .bind("term", term)
            .execute()
        == 1;
  }

  /**
   * The fence of every leader-side write, read inside the writer's transaction.
   *
   * @throws FencedOutException when {@code term} is not the current term
   */
  static void requireCurrentTerm(Handle handle, long lockKey, long term, String operation) {
    long currentTerm = currentTerm(handle, lockKey).orElse(0L);
    if (currentTerm != term) {
      throw new FencedOutException(operation, term, currentTerm);
    }
  }

  static Optional<Long> currentTerm(Handle handle, long lockKey) {
    return handle
        .createQuery("SELECT term FROM <schema>.baton_leadership WHERE lock_key = :lockKey")
        .bind("lockKey", lockKey)
        .mapTo(Long.class)
        .findOne();
  }

  static Optional<LeadershipRecord> find(Handle handle, long lockKey) {
    return handle
        .createQuery(
            """
            SELECT term, holder_instance_id, holder_pid, acquired_at, released_at,
                   released_cleanly
            FROM <schema>.baton_leadership
            WHERE lock_key = :lockKey
            """)
        .bind("lockKey", lockKey)
        .map(
            (row, context) ->
                new LeadershipRecord(
                    row.getLong("term"),
                    row.getString("holder_instance_id"),
                    row.getLong("holder_pid"),
                    SqliteTimestamps.parse(row.getString("acquired_at")),
                    SqliteTimestamps.parse(row.getString("released_at")),
                    row.getInt("released_cleanly") == 1))
        .findOne();
  }
}
