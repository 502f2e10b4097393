package dev.baton.adapters.sqlite;

import dev.baton.domain.LeaseLostException;
import dev.baton.domain.LossReason;
import dev.baton.domain.TermEndReason;
import dev.baton.domain.port.GuardedLeaderLease;
import java.time.Instant;

/**
 * Leadership of one term on a SQLite database, held through a {@link LocalLeaderLock}. Its jobs
 * start at once: the OS lets go of the lock only when its holder released it or is gone, so no
 * earlier leader can still be running its jobs.
 */
final class SqliteLeaderLease extends GuardedLeaderLease {
  private final SqliteLocalLeadership leadership;
  private final LocalLeaderLock lock;

  SqliteLeaderLease(
      SqliteLocalLeadership leadership, LocalLeaderLock lock, long term, Instant acquiredAt) {
    super(term, acquiredAt, acquiredAt);
    this.leadership = leadership;
    this.lock = lock;
  }

  @Override
  public void verifyHeld() {
    if (isEnded()) {
      throw new LeaseLostException(
          LossReason.LOCK_NOT_HELD, "the lease of term " + term() + " was given up");
    }
    lock.verifyHeld();
    leadership.verifyTermIsCurrent(term());
  }

  @Override
  protected void releaseOnce(TermEndReason how) {
    try {
      leadership.markReleasedCleanly(term(), how);
    } finally {
      lock.release();
    }
  }

  @Override
  protected void abandonOnce() {
    lock.release();
  }

  @Override
  protected void recordFencedOut() {
    leadership.markFencedOut(term());
  }
}
