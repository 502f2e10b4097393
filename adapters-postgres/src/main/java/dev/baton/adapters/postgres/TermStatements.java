package dev.baton.adapters.postgres;

/**
 * The lock session's two statements that begin and end a term, each one statement so that the
 * history ({@code baton_leadership_history}) never disagrees with the fencing row ({@code
 * baton_leadership}). {@code <schema>} is replaced by Baton's schema.
 */
final class TermStatements {
  private TermStatements() {}

  /**
   * Increments the term, completes earlier terms still open in the history {@code lost} (their
   * holder never released them; they end when the next term begins), begins the new term there and
   * deletes the terms past the retention. Parameters: lock key, instance id, whether its sessions
   * are named, lock key, retained terms, lock key, instance id, lock key, retained terms. Returns
   * the term and its database time.
   */
  static final String TAKE_NEXT_TERM =
      "with granted as (insert into <schema>.baton_leadership as l (lock_key, term,"
          + " holder_instance_id, holder_pid, acquired_at, released_at, released_cleanly,"
          + " holder_sessions_named) values (?, 1, ?, pg_backend_pid(), clock_timestamp(),"
          + " null, false, ?) on conflict (lock_key) do update set term = l.term + 1,"
          + " holder_instance_id = excluded.holder_instance_id,"
          + " holder_pid = excluded.holder_pid, acquired_at = excluded.acquired_at,"
          + " released_at = null, released_cleanly = false,"
          + " holder_sessions_named = excluded.holder_sessions_named"
          + " returning term, acquired_at),"
          + " ended as (update <schema>.baton_leadership_history h"
          + " set ended_at = g.acquired_at, end_reason = 'lost' from granted g"
          + " where h.lock_key = ? and h.ended_at is null and h.term < g.term"
          + " and h.term > g.term - ?),"
          + " begun as (insert into <schema>.baton_leadership_history"
          + " (lock_key, term, holder_instance_id, acquired_at)"
          + " select ?, term, ?, acquired_at from granted"
          + " on conflict (lock_key, term) do update"
          + " set holder_instance_id = excluded.holder_instance_id,"
          + " acquired_at = excluded.acquired_at, ended_at = null, end_reason = null),"
          + " pruned as (delete from <schema>.baton_leadership_history h using granted g"
          + " where h.lock_key = ? and h.term <= g.term - ?)"
          + " select term, acquired_at from granted";

  /**
   * Marks the term released cleanly and ends it in the history with the given reason. Parameters:
   * lock key, term, instance id, end reason, lock key, term.
   */
  static final String MARK_RELEASED =
      "with released as (update <schema>.baton_leadership"
          + " set released_at = clock_timestamp(), released_cleanly = true"
          + " where lock_key = ? and term = ? and holder_instance_id = ?"
          + " returning released_at)"
          + " update <schema>.baton_leadership_history h"
          + " set ended_at = r.released_at, end_reason = ? from released r"
          + " where h.lock_key = ? and h.term = ? and h.ended_at is null";
}
