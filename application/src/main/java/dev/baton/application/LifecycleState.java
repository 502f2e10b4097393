package dev.baton.application;

import java.util.EnumSet;
import java.util.Set;

/** Where a scheduler is in its life. Each state names the states it may move to. */
enum LifecycleState {
  /** Built, not started. */
  NEW,
  /** Started: acquiring, following or leading. */
  RUNNING,
  /** Shutdown in progress: nothing may take the leadership any more. */
  STOPPING,
  /** Shut down; the end. */
  STOPPED;

  private Set<LifecycleState> next;

  static {
    NEW.next = EnumSet.of(RUNNING, STOPPING);
    RUNNING.next = EnumSet.of(STOPPING);
    STOPPING.next = EnumSet.of(STOPPED);
    STOPPED.next = EnumSet.noneOf(LifecycleState.class);
  }

  boolean mayMoveTo(LifecycleState to) {
    return next.contains(to);
  }
}
