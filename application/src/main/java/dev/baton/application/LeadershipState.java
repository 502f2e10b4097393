package dev.baton.application;

import java.util.EnumSet;
import java.util.Set;

/**
 * Whether a running scheduler leads. {@code LEADER} always comes with the lease it holds; the table
 * says which changes are allowed: a grant only from waiting, a loss back to {@code ACQUIRING}, a
 * clean release (step-down, shutdown) to {@code FOLLOWER}.
 */
enum LeadershipState {
  /** No leader known to this instance: first attempt, database unreachable, backing off. */
  ACQUIRING,
  /** Another instance leads, or may: this one waits for the lock. */
  FOLLOWER,
  /** This instance holds the lock under a fresh term. */
  LEADER;

  private Set<LeadershipState> next;

  static {
    ACQUIRING.next = EnumSet.of(FOLLOWER, LEADER);
    FOLLOWER.next = EnumSet.of(ACQUIRING, LEADER);
    LEADER.next = EnumSet.of(ACQUIRING, FOLLOWER);
  }

  boolean mayMoveTo(LeadershipState to) {
    return next.contains(to);
  }
}
