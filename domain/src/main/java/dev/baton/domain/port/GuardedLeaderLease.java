package dev.baton.domain.port;

import dev.baton.domain.TermEndReason;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What every backend's lease shares: its term and times, and the rule that the first of {@link
 * #release()} and {@link #abandon()} wins and the other does nothing.
 */
public abstract class GuardedLeaderLease implements LeaderLease {
  private final long term;
  private final Instant acquiredAt;
  private final Instant jobsStartAt;
  private final AtomicBoolean ended = new AtomicBoolean();

  protected GuardedLeaderLease(long term, Instant acquiredAt, Instant jobsStartAt) {
    this.term = term;
    this.acquiredAt = Objects.requireNonNull(acquiredAt, "acquiredAt");
    this.jobsStartAt = Objects.requireNonNull(jobsStartAt, "jobsStartAt");
  }

  @Override
  public final long term() {
    return term;
  }

  @Override
  public final Instant acquiredAt() {
    return acquiredAt;
  }

  @Override
  public final Instant jobsStartAt() {
    return jobsStartAt;
  }

  @Override
  public final void release() {
    if (ended.compareAndSet(false, true)) {
      releaseOnce(TermEndReason.RELEASED);
    }
  }

  @Override
  public final void stepDown() {
    if (ended.compareAndSet(false, true)) {
      releaseOnce(TermEndReason.STEPPED_DOWN);
    }
  }

  @Override
  public final void abandon() {
    if (ended.compareAndSet(false, true)) {
      abandonOnce();
    }
  }

  @Override
  public final void abandonFencedOut() {
    if (ended.compareAndSet(false, true)) {
      try {
        abandonOnce();
      } finally {
        recordFencedOut();
      }
    }
  }

  /** Whether the lease was released or abandoned. */
  protected final boolean isEnded() {
    return ended.get();
  }

  /**
   * Gives the leadership up cleanly, recording {@code how} ({@link TermEndReason#RELEASED} or
   * {@link TermEndReason#STEPPED_DOWN}) in the history; called at most once, and never after {@link
   * #abandonOnce}.
   */
  protected abstract void releaseOnce(TermEndReason how);

  /** Drops the leadership without a clean release; called at most once. */
  protected abstract void abandonOnce();

  /**
   * Records this term {@code fenced_out} in the history, after {@link #abandonOnce}: the lease's
   * own session is likely gone, so this writes on another connection. A failure is the
   * implementation's to log; the term then stays {@code lost}.
   */
  protected abstract void recordFencedOut();

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[term=" + term + ", acquiredAt=" + acquiredAt + "]";
  }
}
