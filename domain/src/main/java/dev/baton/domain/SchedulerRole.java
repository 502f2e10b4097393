package dev.baton.domain;

/** The role a scheduler instance reports; see the lifecycle table in the design. */
public enum SchedulerRole {
  /** Not started, or shut down. */
  STOPPED,
  /** Polling disabled by configuration. */
  DISABLED,
  /** No leader known to this instance: first attempt, database unreachable, backing off. */
  ACQUIRING,
  /** Another instance leads; this one waits for the lock. */
  FOLLOWER,
  /** This instance holds the lock and a fresh term. */
  LEADER,
  /** Shutdown in progress. */
  STOPPING
}
