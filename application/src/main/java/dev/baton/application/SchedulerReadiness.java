package dev.baton.application;

import dev.baton.application.port.in.ReadinessQuery;
import dev.baton.domain.SchedulerRole;
import java.util.Optional;

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
  public Optional<String> databaseProblem() {
    String problem = databaseProblem;
    if (problem != null) {
      return Optional.of(problem);
    }
    if (lifecycle.role() == SchedulerRole.ACQUIRING && !lifecycle.isDatabaseReachable()) {
      return Optional.of("database unreachable; retrying");
    }
    return Optional.empty();
  }

  @Override
  public Readiness readiness() {
    Optional<String> problem = databaseProblem();
    if (problem.isPresent()) {
      return new Readiness(false, problem.get());
    }
    if (!schedulerStarted) {
      return new Readiness(false, "scheduler not started yet");
    }
    SchedulerRole role = lifecycle.role();
    if (role == SchedulerRole.STOPPED || role == SchedulerRole.STOPPING) {
      return new Readiness(false, "scheduler " + role.name().toLowerCase(java.util.Locale.ROOT));
    }
    return new Readiness(true, "scheduler " + role.name().toLowerCase(java.util.Locale.ROOT));
  }
}
