package dev.baton.application;

import dev.baton.application.port.in.ReadinessQuery;
import dev.baton.domain.SchedulerRole;

/**
 * Ready once the database has answered (migrations done) and the lifecycle has started; not ready
 * while the lock attempts fail because the database cannot be asked, nor once shutdown begins.
 */
public final class SchedulerReadiness implements ReadinessQuery {
  private final SchedulerLifecycle lifecycle;
  private volatile String databaseProblem = "database not migrated yet";
  private volatile boolean schedulerStarted;

  public SchedulerReadiness(SchedulerLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  public void databaseReady() {
    databaseProblem = null;
  }

  public void databaseUnavailable(String problem) {
    databaseProblem = problem;
  }

  /** The lifecycle's {@code start()} has returned. */
  public void schedulerStarted() {
    schedulerStarted = true;
  }

  @Override
  public Readiness readiness() {
    String problem = databaseProblem;
    if (problem != null) {
      return new Readiness(false, problem);
    }
    if (!schedulerStarted) {
      return new Readiness(false, "scheduler not started yet");
    }
    SchedulerRole role = lifecycle.role();
    if (role == SchedulerRole.ACQUIRING && !lifecycle.isDatabaseReachable()) {
      return new Readiness(false, "database unreachable; retrying");
    }
    if (role == SchedulerRole.STOPPED || role == SchedulerRole.STOPPING) {
      return new Readiness(false, "scheduler " + role.name().toLowerCase(java.util.Locale.ROOT));
    }
    return new Readiness(true, "scheduler " + role.name().toLowerCase(java.util.Locale.ROOT));
  }
}
