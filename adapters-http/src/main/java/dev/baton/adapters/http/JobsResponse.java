package dev.baton.adapters.http;

import dev.baton.application.port.in.JobDetails;
import java.time.Instant;
import java.util.List;

/**
 * The body of {@code GET /v1/jobs}.
 *
 * @param nextCursor always null: every registered job fits in one page, but the list keeps the
 *     envelope every list of the API has
 */
record JobsResponse(List<Job> jobs, String nextCursor) {

  static JobsResponse from(List<JobDetails> jobs) {
    return new JobsResponse(jobs.stream().map(Job::from).toList(), null);
  }

  record Job(
      String name,
      ScheduleResponse schedule,
      boolean paused,
      JobRunResponse lastRun,
      Instant nextRunAt,
      List<JobRunResponse> recentRuns) {
    static Job from(JobDetails job) {
      return new Job(
          job.name(),
          ScheduleResponse.from(job.schedule()),
          job.paused(),
          JobRunResponse.fromNullable(job.lastRun()),
          job.nextRunAt(),
          job.recentRuns().stream().map(JobRunResponse::from).toList());
    }
  }
}
