package dev.baton.application.port.in;

import java.util.Optional;

/** Whether this instance is ready for traffic ({@code GET /readyz}). */
public interface ReadinessQuery {
  Readiness readiness();

  /**
   * Why the database cannot be asked right now (not migrated yet, unreachable), or empty when, as
   * far as this instance knows, it can: views that read the database answer 503 at once instead of
   * waiting for a connection that will not come.
   */
  Optional<String> databaseProblem();

  /**
   * @param detail why the instance is not ready, or a short confirmation when it is
   */
  record Readiness(boolean ready, String detail) {}
}
