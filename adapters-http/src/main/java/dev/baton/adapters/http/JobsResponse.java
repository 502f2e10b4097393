package dev.baton.adapters.http;

import dev.baton.application.port.in.JobDetails;
import java.util.List;

/**
 * The body of {@code GET /v1/jobs}.
 *
 * @param nextCursor always null: every registered job fits in one page, but the list keeps the
 *     envelope every list of the API has
 */
record JobsResponse(List<JobResponse> jobs, String nextCursor) {

  static JobsResponse from(List<JobDetails> jobs) {
    return new JobsResponse(jobs.stream().map(JobResponse::from).toList(), null);
  }
}
