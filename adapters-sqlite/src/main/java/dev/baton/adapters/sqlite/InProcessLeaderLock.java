package dev.baton.adapters.sqlite;

import dev.baton.domain.LeaseLostException;
import dev.baton.domain.LossReason;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The lock of an in-memory database: no other process can open that database, so a flag of the
 * leadership that owns it is enough.
 */
final class InProcessLeaderLock implements LocalLeaderLock {
  private final AtomicBoolean taken;
  private final AtomicBoolean released = new AtomicBoolean();

  private InProcessLeaderLock(AtomicBoolean taken) {
    this.taken = taken;
  }

  static Optional<LocalLeaderLock> tryLock(AtomicBoolean taken) {
    return taken.compareAndSet(false, true)
        ? Optional.of(new InProcessLeaderLock(taken))
        : Optional.empty();
  }

  @Override
  public void verifyHeld() {
    if (released.get()) {
      throw new LeaseLostException(LossReason.LOCK_NOT_HELD, "the in-process lock was released");
    }
  }

  @Override
  public void release() {
    if (released.compareAndSet(false, true)) {
      taken.set(false);
    }
  }
}
