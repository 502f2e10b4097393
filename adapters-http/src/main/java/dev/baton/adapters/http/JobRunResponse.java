package dev.baton.adapters.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.baton.domain.JobRun;
import java.time.Instant;

/**
 * One run of a job, in the one shape every endpoint uses: {@code lastRun} and {@code recentRuns} in
 * the job listings, the body of {@code POST /v1/jobs/{name}/run}, and with its job's name in {@code
 * GET /v1/scheduler/runs}.
 *
 * @param jobName only where the runs of several jobs stand in one list; left out otherwise
 */
record JobRunResponse(
    long id,
    @JsonInclude(JsonInclude.Include.NON_NULL) String jobName,
    String instanceId,
    long term,
    Instant scheduledAt,
    Instant startedAt,
    Instant finishedAt,
    String outcome,
    String error) {

  static JobRunResponse from(JobRun run) {
    return of(run, null);
  }

  static JobRunResponse fromNullable(JobRun run) {
    return run == null ? null : from(run);
  }

  /** With its job's name, for a list of the runs of several jobs. */
  static JobRunResponse withJobName(JobRun run) {
    return of(run, run.jobName());
  }

  private static JobRunResponse of(JobRun run, String jobName) {
    return new JobRunResponse(
        run.id(),
        jobName,
        run.instanceId(),
        run.term(),
        run.scheduledAt(),
        run.startedAt(),
        run.finishedAt(),
        run.outcome().wireName(),
        run.error());
  }
}
