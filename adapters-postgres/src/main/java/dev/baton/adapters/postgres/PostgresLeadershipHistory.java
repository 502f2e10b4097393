package dev.baton.adapters.postgres;

import dev.baton.domain.LeadershipTerm;
import dev.baton.domain.LeadershipUnavailableException;
import dev.baton.domain.TermEndReason;
import dev.baton.domain.port.LeadershipHistoryPort;
import java.sql.Timestamp;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leadership's terms in {@code baton_leadership_history}, read on the pool. A term's beginning
 * and clean end are written by the lock session in the statements that take and release the term
 * ({@link LockSession}); only a fenced-out leader writes here, on the pool, since its lock session
 * is most likely gone.
 */
public final class PostgresLeadershipHistory implements LeadershipHistoryPort {
  private static final Logger log = LoggerFactory.getLogger(PostgresLeadershipHistory.class);

  private final Jdbi jdbi;
  private final long lockKey;

  public PostgresLeadershipHistory(PostgresDatabase database) {
    this.jdbi = database.jdbi();
    this.lockKey = database.settings().lockKey();
  }

  @Override
  public List<LeadershipTerm> recentTerms(int limit) {
    try {
      return jdbi.withHandle(
          handle ->
              handle
                  .createQuery(
                      "select term, holder_instance_id, acquired_at, ended_at, end_reason"
                          + " from <schema>.baton_leadership_history where lock_key = :key"
                          + " order by term desc limit :limit")
                  .bind("key", lockKey)
                  .bind("limit", limit)
                  .map(
                      (rows, ctx) -> {
                        Timestamp endedAt = rows.getTimestamp("ended_at");
                        String reason = rows.getString("end_reason");
                        return new LeadershipTerm(
                            rows.getLong("term"),
                            rows.getString("holder_instance_id"),
                            rows.getTimestamp("acquired_at").toInstant(),
                            endedAt == null ? null : endedAt.toInstant(),
                            reason == null ? null : TermEndReason.fromWire(reason));
                      })
                  .list());
    } catch (RuntimeException e) {
      throw new LeadershipUnavailableException(
          "reading the leadership history failed: " + e.getMessage(), e);
    }
  }

  /**
   * Records {@code term} of {@code instanceId} fenced out, over the {@code lost} the next leader
   * wrote; a failure is logged and leaves it {@code lost}.
   */
  void markFencedOut(long term, String instanceId) {
    try {
      jdbi.useHandle(
          handle ->
              handle
                  .createUpdate(
                      "update <schema>.baton_leadership_history"
                          + " set end_reason = 'fenced_out',"
                          + " ended_at = coalesce(ended_at, clock_timestamp())"
                          + " where lock_key = :key and term = :term and holder_instance_id = :holder"
                          + " and (end_reason is null or end_reason = 'lost')")
                  .bind("key", lockKey)
                  .bind("term", term)
                  .bind("holder", instanceId)
                  .execute());
    } catch (RuntimeException e) {
      log.warn("Could not record term {} fenced out in the history: {}", term, e.getMessage());
    }
  }
}
