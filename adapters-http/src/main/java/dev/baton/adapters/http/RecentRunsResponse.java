package dev.baton.adapters.http;

import dev.baton.domain.JobRun;
import java.util.List;

/**
 * The body of {@code GET /v1/scheduler/runs}: each run as in the job listings, with its job's name.
 *
 * @param nextCursor always null: older runs are the jobs' own history ({@code GET /v1/jobs})
 */
record RecentRunsResponse(List<JobRunResponse> runs, String nextCursor) {

  static RecentRunsResponse from(List<JobRun> runs) {
    return new RecentRunsResponse(runs.stream().map(JobRunResponse::withJobName).toList(), null);
  }
}
