package dev.baton.application.port.in;

/** Who leads and what the jobs do, as this instance sees it ({@code GET /v1/scheduler}). */
public interface SchedulerStatusQuery {
  SchedulerStatus schedulerStatus();
}
