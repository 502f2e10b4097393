package dev.baton.domain;

import java.time.Instant;

/**
 * The stored view of who holds (or last held) the leader lock: one row of {@code baton_leadership}.
 *
 * @param holderPid the database backend pid of the holder's lock session (0 where the backend has
 *     none)
 * @param releasedAt null while held
 */
public record LeadershipRecord(
    long term,
    String holderInstanceId,
    long holderPid,
    Instant acquiredAt,
    Instant releasedAt,
    boolean releasedCleanly) {

  public boolean isHeld() {
    return releasedAt == null;
  }
}
