package dev.baton.adapters.sqlite;

import dev.baton.domain.LeaseLostException;

/** What keeps every other would-be leader out while a lease is held. */
interface LocalLeaderLock {

  /**
   * @throws LeaseLostException when the lock is no longer held, with the reason
   */
  void verifyHeld();

  /** Gives the lock up; idempotent. */
  void release();
}
