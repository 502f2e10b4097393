package dev.baton.application.port.in;

/** Whether this instance is ready for traffic ({@code GET /readyz}). */
public interface ReadinessQuery {
  Readiness readiness();

  /**
   * @param detail why the instance is not ready, or a short confirmation when it is
   */
  record Readiness(boolean ready, String detail) {}
}
