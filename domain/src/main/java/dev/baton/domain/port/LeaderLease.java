package dev.baton.domain.port;

import dev.baton.domain.LeaseLostException;
import java.time.Instant;

/**
 * Held leadership under one term. Every method may be called from any thread; {@link #release()}
 * and {@link #abandon()} are idempotent and the first of them wins.
 */
public interface LeaderLease {

  /** The term this lease was granted under; every fenced write compares against it. */
  long term();

  Instant acquiredAt();

  /** When this leader may start its jobs: at once, or after the takeover grace. */
  Instant jobsStartAt();

  /**
   * Proves that the lease is still held.
   *
   * @throws LeaseLostException when it is not, with the reason
   */
  void verifyHeld();

  /** Gives the leadership up cleanly, so that a successor may start its jobs at once. */
  void release();

  /** Drops a lease that was lost or is in doubt, without claiming a clean release. */
  void abandon();

  /**
   * Gives the leadership up cleanly as the operator's step-down; the history says so. Like {@link
   * #release()} otherwise.
   */
  default void stepDown() {
    release();
  }

  /**
   * Drops a lease that a fenced write found superseded by a newer term; the history records the
   * term {@code fenced_out}. Like {@link #abandon()} otherwise.
   */
  default void abandonFencedOut() {
    abandon();
  }
}
