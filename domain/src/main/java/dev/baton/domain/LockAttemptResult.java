package dev.baton.domain;

/** The result of one attempt to take the leader lock. */
public enum LockAttemptResult {
  ACQUIRED,
  /** Another session holds the lock. */
  HELD_ELSEWHERE,
  /** The attempt failed: database unreachable, timeout, error. */
  ERROR;

  public String wireName() {
    return WireEnum.wireName(this);
  }
}
