package dev.baton.adapters.http;

import dev.baton.application.port.in.SchedulerStatus;
import java.time.Instant;
import java.util.List;

/** The body of {@code GET /v1/scheduler}. */
record SchedulerStatusResponse(
    String instanceId,
    String role,
    Long term,
    String leaderInstanceId,
    Instant leaderSince,
    Instant jobsStartAt,
    String backend,
    boolean electionSupported,
    String acquireMode,
    List<JobResponse> jobs) {

  static SchedulerStatusResponse from(SchedulerStatus status) {
    return new SchedulerStatusResponse(
        status.instanceId(),
        status.role().name(),
        status.term(),
        status.leaderInstanceId(),
        status.leaderSince(),
        status.jobsStartAt(),
        status.backend(),
        status.electionSupported(),
        status.acquireMode(),
        status.jobs().stream().map(JobResponse::withoutRuns).toList());
  }
}
