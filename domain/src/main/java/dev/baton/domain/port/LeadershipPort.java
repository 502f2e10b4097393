package dev.baton.domain.port;

import dev.baton.domain.LeadershipRecord;
import dev.baton.domain.LeadershipUnavailableException;
import java.time.Duration;
import java.util.Optional;

/**
 * Elects at most one leader among the instances that share a database.
 *
 * <p>Both acquire methods return empty when another instance holds the leadership and throw {@link
 * LeadershipUnavailableException} when the backend cannot be asked; the caller retries in either
 * case. A granted {@link LeaderLease} carries a fresh term.
 */
public interface LeadershipPort {

  /** Whether this backend elects a leader among processes (PostgreSQL) or only locally (SQLite). */
  boolean supportsElection();

  /** One attempt that does not wait for the current holder. */
  Optional<LeaderLease> tryAcquire();

  /**
   * Waits up to {@code maxWait} for the leadership, returning as soon as it is granted.
   *
   * @throws InterruptedException when the waiting thread is interrupted (shutdown)
   */
  Optional<LeaderLease> awaitAcquire(Duration maxWait) throws InterruptedException;

  /** The stored leadership record (term, holder, release), if any has ever been written. */
  Optional<LeadershipRecord> storedLeadership();

  /** Who leads: the instance that holds the leadership now, as stored; empty when nobody does. */
  default Optional<String> leaderInstanceId() {
    return storedLeadership()
        .filter(LeadershipRecord::isHeld)
        .map(LeadershipRecord::holderInstanceId);
  }

  /**
   * Calls {@code listener} (on a thread of the backend's) whenever a leader releases cleanly, so a
   * polling follower can try at once instead of at its next poll. Backends without such notices
   * never call it.
   */
  default void onCleanRelease(Runnable listener) {}
}
