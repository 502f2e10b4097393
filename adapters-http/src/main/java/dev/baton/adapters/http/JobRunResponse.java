package dev.baton.adapters.http;

import dev.baton.domain.JobRun;
import java.time.Instant;

/**
 * One run of a job, in the one shape every endpoint uses: {@code lastRun} and {@code recentRuns} in
 * the job listings, and the body of {@code POST /v1/jobs/{name}/run}.
 */
record JobRunResponse(
    long id,
    String instanceId,
    long term,
    Instant scheduledAt,
    Instant startedAt,
    Instant finishedAt,
    String outcome,
    String error) {

  static JobRunResponse from(JobRun run) {
    return new JobRunResponse(
        run.id(),
        run.instanceId(),
        run.term(),
        run.scheduledAt(),
        run.startedAt(),
        run.finishedAt(),
        run.outcome().wireName(),
        run.error());
  }

  static JobRunResponse fromNullable(JobRun run) {
    return run == null ? null : from(run);
  }
}
