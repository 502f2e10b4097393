package dev.baton.application;

import dev.baton.domain.WireEnum;

/** How a follower waits for the leader lock. */
public enum AcquireMode {
  /** Block on the lock in slices, so the lock is handed over the moment its holder goes. */
  WAIT,
  /** Try the lock every poll interval (the behaviour Baton grows from). */
  POLL;

  public String wireName() {
    return WireEnum.wireName(this);
  }

  public static AcquireMode fromWire(String wire) {
    return WireEnum.fromWire(AcquireMode.class, wire);
  }
}
