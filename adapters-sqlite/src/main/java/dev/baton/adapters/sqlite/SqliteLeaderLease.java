package dev.baton.adapters.sqlite;

import dev.baton.domain.LeaseLostException;
import dev.baton.domain.LossReason;
import dev.baton.domain.port.LeaderLease;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/** Leadership of one term on a SQLite database, held through a {@link LocalLeaderLock}. */
final class SqliteLeaderLease implements LeaderLease {
  private final SqliteLocalLeadership leadership;
  private final LocalLeaderLock lock;
  private final long term;
  private final Instant acquiredAt;
  private final AtomicBoolean ended = new AtomicBoolean();

  SqliteLeaderLease(
      SqliteLocalLeadership leadership, LocalLeaderLock lock, long term, Instant acquiredAt) {
    this.leadership = leadership;
    this.lock = lock;
    this.term = term;
    this.acquiredAt = acquiredAt;
  }

  @Override
  public long term() {
    return term;
  }

  @Override
  public Instant acquiredAt() {
    return acquiredAt;
  }

  /**
   * At once: the OS lets go of the lock only when its holder released it or is gone, so no earlier
   * leader can still be running its jobs.
   */
  @Override
  public Instant jobsStartAt() {
    return acquiredAt;
  }

  @Override
  public void verifyHeld() {
    if (ended.get()) {
      throw new LeaseLostException(
          LossReason.LOCK_NOT_HELD, "the lease of term " + term + " was given up");
    }
    lock.verifyHeld();
    leadership.verifyTermIsCurrent(term);
  }

  @Override
  public void release() {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    try {
      leadership.markReleasedCleanly(term);
    } finally {
      lock.release();
    }
  }

  @Override
  public void abandon() {
    if (ended.compareAndSet(false, true)) {
      lock.release();
    }
  }

  @Override
  public String toString() {
    return "SqliteLeaderLease[term=" + term + ", acquiredAt=" + acquiredAt + "]";
  }
}
