package dev.baton.domain;

/** Why a leader stopped being one; a metrics label, so the set stays small. */
public enum LossReason {
  /** The lock session is gone (closed, killed, network failure). */
  SESSION_LOST,
  /** The session lives but no longer holds the lock. */
  LOCK_NOT_HELD,
  /** The lease check did not answer within the heartbeat timeout. */
  HEARTBEAT_TIMEOUT,
  /** A fenced write found a newer term. */
  FENCED_OUT,
  /** The lease check failed for another reason. */
  CHECK_FAILED;

  public String wireName() {
    return WireEnum.wireName(this);
  }
}
