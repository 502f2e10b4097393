package dev.baton.adapters.http;

import dev.baton.application.port.in.JobStatus;
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
    List<Job> jobs) {

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
        status.jobs().stream().map(Job::from).toList());
  }

  /** A job as {@code GET /v1/jobs} shows it, without its recent runs. */
  record Job(
      String name,
      ScheduleResponse schedule,
      boolean paused,
      JobRunResponse lastRun,
      Instant nextRunAt) {
    static Job from(JobStatus job) {
      return new Job(
          job.name(),
          ScheduleResponse.from(job.schedule()),
          job.paused(),
          JobRunResponse.fromNullable(job.lastRun()),
          job.nextRunAt());
    }
  }
}
