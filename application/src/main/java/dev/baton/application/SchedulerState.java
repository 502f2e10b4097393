package dev.baton.application;

import dev.baton.domain.SchedulerRole;
import dev.baton.domain.port.LeaderLease;
import dev.baton.domain.port.SchedulerEventsPort;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler's two state machines — where it is in its life ({@link LifecycleState}) and whether
 * it leads ({@link LeadershipState}, with the lease while {@code LEADER}) — changed only here,
 * under one lock. A change the tables do not allow is refused; every change is logged in one line.
 * The role the API reports is derived from the two.
 *
 * <p>The {@code whileLocked} actions run under the same lock as the change they belong to, so that
 * starting and stopping the jobs is atomic with taking and giving up the lease: jobs are scheduled
 * exactly while this state says {@code LEADER}. They must be quick and must not block.
 */
final class SchedulerState {
  private static final Logger log = LoggerFactory.getLogger(SchedulerState.class);

  /** What {@link #beginShutdown} found: whether this caller runs the shutdown, and its lease. */
  record Stop(boolean begun, LeaderLease lease) {}

  private final String instanceId;
  private final boolean hasJobs;
  private final SchedulerEventsPort events;
  private final Object lock = new Object();
  private LifecycleState lifecycle = LifecycleState.NEW; // guarded by lock
  private LeadershipState leadership = LeadershipState.ACQUIRING; // guarded by lock
  private LeaderLease lease; // guarded by lock; set exactly while LEADER
  private volatile LeaderLease lastLease;
  private volatile SchedulerRole role = SchedulerRole.STOPPED;

  /**
   * @param hasJobs false when there is nothing to run: the scheduler then reports {@code DISABLED}
   *     while running and never asks for the leadership
   */
  SchedulerState(String instanceId, boolean hasJobs, SchedulerEventsPort events) {
    this.instanceId = instanceId;
    this.hasJobs = hasJobs;
    this.events = events;
  }

  SchedulerRole role() {
    return role;
  }

  boolean hasJobs() {
    return hasJobs;
  }

  /** The lease while leading, else empty. */
  Optional<LeaderLease> lease() {
    synchronized (lock) {
      return Optional.ofNullable(lease);
    }
  }

  /** The term of the lease held now or last, if any was ever held. */
  Optional<Long> lastTerm() {
    LeaderLease last = lastLease;
    return last == null ? Optional.empty() : Optional.of(last.term());
  }

  boolean isRunning() {
    synchronized (lock) {
      return lifecycle == LifecycleState.RUNNING;
    }
  }

  /** {@code NEW → RUNNING}; false when started before or shutting down. */
  boolean start() {
    synchronized (lock) {
      return moveLifecycle(LifecycleState.RUNNING, "started");
    }
  }

  /**
   * Takes {@code granted} as this instance's lease ({@code ACQUIRING | FOLLOWER → LEADER}) while
   * running; false, changing nothing, otherwise (the caller must give the lease back).
   */
  boolean lead(LeaderLease granted) {
    synchronized (lock) {
      if (lifecycle != LifecycleState.RUNNING || !leadership.mayMoveTo(LeadershipState.LEADER)) {
        return false;
      }
      lastLease = granted;
      lease = granted;
      moveLeadership(LeadershipState.LEADER, "lock granted");
      return true;
    }
  }

  /** Runs {@code whileLocked} if {@code expected} is still the lease; false otherwise. */
  boolean whileLeading(LeaderLease expected, Runnable whileLocked) {
    synchronized (lock) {
      if (lease != expected || lifecycle != LifecycleState.RUNNING) {
        return false;
      }
      whileLocked.run();
      return true;
    }
  }

  /** {@code ACQUIRING ↔ FOLLOWER} while running and not leading; otherwise nothing changes. */
  void waiting(LeadershipState to, String why) {
    if (to == LeadershipState.LEADER) {
      throw new IllegalArgumentException("a lease is taken through lead()");
    }
    synchronized (lock) {
      if (lifecycle == LifecycleState.RUNNING
          && leadership != LeadershipState.LEADER
          && leadership != to) {
        moveLeadership(to, why);
      }
    }
  }

  /**
   * Gives up {@code expected}: runs {@code whileLocked} (stopping the jobs, first), then moves
   * {@code LEADER → to}, all under the lock, so that nobody sees the new role while jobs still run.
   *
   * @return false, changing nothing, when {@code expected} is no longer the lease (someone else
   *     gave it up first: loss, step-down and shutdown race, and exactly one of them wins)
   */
  boolean leave(LeaderLease expected, LeadershipState to, String why, Runnable whileLocked) {
    synchronized (lock) {
      if (lease != expected || lease == null) {
        return false;
      }
      whileLocked.run();
      lease = null;
      moveLeadership(to, why);
      return true;
    }
  }

  /**
   * {@code NEW | RUNNING → STOPPING}. A held lease is handed to the caller to release ({@code
   * LEADER → FOLLOWER}), with {@code whileLocked} run under the lock; from now on nothing leads.
   */
  Stop beginShutdown(Runnable whileLocked) {
    synchronized (lock) {
      if (!moveLifecycle(LifecycleState.STOPPING, "shutdown began")) {
        return new Stop(false, null);
      }
      LeaderLease held = lease;
      if (held != null) {
        lease = null;
        moveLeadership(LeadershipState.FOLLOWER, "released for shutdown");
      }
      whileLocked.run();
      return new Stop(true, held);
    }
  }

  /** {@code STOPPING → STOPPED}. */
  void stopped() {
    synchronized (lock) {
      moveLifecycle(LifecycleState.STOPPED, "scheduler stopped");
    }
  }

  // guarded by lock
  private boolean moveLifecycle(LifecycleState to, String why) {
    if (!lifecycle.mayMoveTo(to)) {
      return false;
    }
    LifecycleState from = lifecycle;
    lifecycle = to;
    changed("lifecycle", from.name(), to.name(), why);
    return true;
  }

  // guarded by lock
  private void moveLeadership(LeadershipState to, String why) {
    if (!leadership.mayMoveTo(to)) {
      throw new IllegalStateException(
          "leadership may not move from " + leadership + " to " + to + " (" + why + ")");
    }
    LeadershipState from = leadership;
    leadership = to;
    changed("leadership", from.name(), to.name(), why);
  }

  // guarded by lock
  private void changed(String machine, String from, String to, String why) {
    SchedulerRole before = role;
    role = derivedRole();
    String term = lastTerm().map(String::valueOf).orElse("none");
    if (before != role) {
      events.roleChanged(before, role, lastTerm());
      log.info(
          "Scheduler role {} -> {} (instance {}, term {}): {} {} -> {}, {}",
          before,
          role,
          instanceId,
          term,
          machine,
          from,
          to,
          why);
    } else {
      log.info(
          "Scheduler {} {} -> {} (instance {}, term {}): {}",
          machine,
          from,
          to,
          instanceId,
          term,
          why);
    }
  }

  // guarded by lock
  private SchedulerRole derivedRole() {
    return switch (lifecycle) {
      case NEW, STOPPED -> SchedulerRole.STOPPED;
      case STOPPING -> SchedulerRole.STOPPING;
      case RUNNING ->
          !hasJobs
              ? SchedulerRole.DISABLED
              : switch (leadership) {
                case ACQUIRING -> SchedulerRole.ACQUIRING;
                case FOLLOWER -> SchedulerRole.FOLLOWER;
                case LEADER -> SchedulerRole.LEADER;
              };
    };
  }
}
