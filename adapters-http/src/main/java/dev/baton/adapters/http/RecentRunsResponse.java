package dev.baton.adapters.http;

import dev.baton.domain.JobRun;
import java.time.Instant;
import java.util.List;

/**
 * The body of {@code GET /v1/scheduler/runs}: each run as in the job listings, with its job's name.
 *
 * @param nextCursor always null: older runs are the jobs' own history ({@code GET /v1/jobs})
 */
record RecentRunsResponse(List<Run> runs, String nextCursor) {

  static RecentRunsResponse from(List<JobRun> runs) {
    return new RecentRunsResponse(runs.stream().map(Run::from).toList(), null);
  }

  record Run(
      long id,
      String jobName,
      String instanceId,
      long term,
      Instant scheduledAt,
      Instant startedAt,
      Instant finishedAt,
      String outcome,
      String error) {
    static Run from(JobRun run) {
      return new Run(
          run.id(),
          run.jobName(),
          run.instanceId(),
          run.term(),
          run.scheduledAt(),
          run.startedAt(),
          run.finishedAt(),
          run.outcome().wireName(),
          run.error());
    }
  }
}
