package dev.baton.adapters.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.baton.application.port.in.JobDetails;
import dev.baton.application.port.in.JobStatus;
import java.time.Instant;
import java.util.List;

/**
 * A job as {@code GET /v1/jobs} lists it, and as {@code GET /v1/scheduler} shows it without its
 * recent runs.
 *
 * @param recentRuns newest first; left out in the scheduler's status
 */
record JobResponse(
    String name,
    ScheduleResponse schedule,
    boolean paused,
    JobRunResponse lastRun,
    Instant nextRunAt,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<JobRunResponse> recentRuns) {

  static JobResponse from(JobDetails job) {
    return of(
        new JobStatus(job.name(), job.schedule(), job.paused(), job.lastRun(), job.nextRunAt()),
        job.recentRuns().stream().map(JobRunResponse::from).toList());
  }

  static JobResponse withoutRuns(JobStatus job) {
    return of(job, null);
  }

  private static JobResponse of(JobStatus job, List<JobRunResponse> recentRuns) {
    return new JobResponse(
        job.name(),
        ScheduleResponse.from(job.schedule()),
        job.paused(),
        JobRunResponse.fromNullable(job.lastRun()),
        job.nextRunAt(),
        recentRuns);
  }
}
