package dev.baton.adapters.http;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.baton.application.port.in.SchedulerStatus;
import java.util.List;

/**
 * The body of {@code GET /v1/scheduler}: the status as the application gives it, its jobs as {@code
 * GET /v1/jobs} shows them without their recent runs.
 */
record SchedulerStatusResponse(
    @JsonUnwrapped @JsonIgnoreProperties("jobs") SchedulerStatus status, List<JobResponse> jobs) {

  static SchedulerStatusResponse from(SchedulerStatus status) {
    return new SchedulerStatusResponse(
        status, status.jobs().stream().map(JobResponse::withoutRuns).toList());
  }
}
