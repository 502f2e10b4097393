package dev.baton.adapters.sqlite;

import dev.baton.domain.LeadershipTerm;
import dev.baton.domain.TermEndReason;
import dev.baton.domain.port.LeadershipHistoryPort;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The statements on {@code baton_leadership_history}, run in the same transactions as the ones on
 * {@code baton_leadership} ({@link LeadershipTable}) so that the two never disagree.
 */
final class LeadershipHistoryTable {
  private LeadershipHistoryTable() {}

  /**
   * A new term begins at {@code acquiredAt}: earlier terms still open are completed {@code lost}
   * (their holder never released them; they end as this one begins), and terms past the retention
   * are deleted.
   */
  static void begin(
      Handle handle, long lockKey, long term, String holderInstanceId, Instant acquiredAt) {
    handle
        .createUpdate(
            """
            UPDATE <schema>.baton_leadership_history
            SET ended_at = :acquiredAt, end_reason = 'lost'
            WHERE lock_key = :lockKey AND term < :term AND ended_at IS NULL
            """)
        .bind("acquiredAt", SqliteTimestamps.format(acquiredAt))
        .bind("lockKey", lockKey)
        .bind("term", term)
        .execute();
    handle
        .createUpdate(
            """
            INSERT INTO <schema>.baton_leadership_history
                (lock_key, term, holder_instance_id, acquired_at, ended_at, end_reason)
            VALUES (:lockKey, :term, :holder, :acquiredAt, NULL, NULL)
            ON CONFLICT (lock_key, term) DO UPDATE SET
                holder_instance_id = excluded.holder_instance_id,
                acquired_at = excluded.acquired_at, ended_at = NULL, end_reason = NULL
            """)
        .bind("lockKey", lockKey)
        .bind("term", term)
        .bind("holder", holderInstanceId)
        .bind("acquiredAt", SqliteTimestamps.format(acquiredAt))
        .execute();
    handle
        .createUpdate(
            "DELETE FROM <schema>.baton_leadership_history"
                + " WHERE lock_key = :lockKey AND term <= :term - :retained")
        .bind("lockKey", lockKey)
        .bind("term", term)
        .bind("retained", LeadershipHistoryPort.RETAINED_TERMS)
        .execute();
  }

  /** Ends {@code term} at {@code endedAt} for {@code reason}, unless it has ended already. */
  static void end(Handle handle, long lockKey, long term, Instant endedAt, TermEndReason reason) {
    handle
        .createUpdate(
            """
            UPDATE <schema>.baton_leadership_history
            SET ended_at = :endedAt, end_reason = :reason
            WHERE lock_key = :lockKey AND term = :term AND ended_at IS NULL
            """)
        .bind("endedAt", SqliteTimestamps.format(endedAt))
        .bind("reason", reason.wireName())
        .bind("lockKey", lockKey)
        .bind("term", term)
        .execute();
  }

  /** Records {@code term} fenced out, over the {@code lost} the next leader wrote. */
  static void markFencedOut(Handle handle, long lockKey, long term, Instant at) {
    handle
        .createUpdate(
            """
            UPDATE <schema>.baton_leadership_history
            SET end_reason = 'fenced_out', ended_at = coalesce(ended_at, :at)
            WHERE lock_key = :lockKey AND term = :term
              AND (end_reason IS NULL OR end_reason = 'lost')
            """)
        .bind("at", SqliteTimestamps.format(at))
        .bind("lockKey", lockKey)
        .bind("term", term)
        .execute();
  }

  static List<LeadershipTerm> recent(Handle handle, long lockKey, int limit) {
    return handle
        .createQuery(
            """
            SELECT term, holder_instance_id, acquired_at, ended_at, end_reason
            FROM <schema>.baton_leadership_history
            WHERE lock_key = :lockKey
            ORDER BY term DESC
            LIMIT :limit
            """)
        .bind("lockKey", lockKey)
        .bind("limit", limit)
        .map(
            (row, context) -> {
              String reason = row.getString("end_reason");
              return new LeadershipTerm(
                  row.getLong("term"),
                  row.getString("holder_instance_id"),
                  SqliteTimestamps.parse(row.getString("acquired_at")),
                  SqliteTimestamps.parse(row.getString("ended_at")),
                  reason == null ? null : TermEndReason.fromWire(reason));
            })
        .list();
  }
}
