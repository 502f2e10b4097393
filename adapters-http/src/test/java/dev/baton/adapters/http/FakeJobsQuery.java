package dev.baton.adapters.http;

import dev.baton.application.port.in.JobDetails;
import dev.baton.application.port.in.JobsQuery;
import dev.baton.domain.JobRun;
import java.util.List;

/** The jobs a test sets; none until then. */
final class FakeJobsQuery implements JobsQuery {
  private volatile List<JobDetails> jobs = List.of();
  private volatile List<JobRun> runs = List.of();

  void answer(List<JobDetails> jobs) {
    this.jobs = List.copyOf(jobs);
  }

  /** The runs of every job, newest first, for {@code GET /v1/scheduler/runs}. */
  void answerRuns(List<JobRun> runs) {
    this.runs = List.copyOf(runs);
  }

  @Override
  public List<JobRun> recentRuns(int limit) {
    return runs.stream().limit(limit).toList();
  }

  @Override
  public List<JobDetails> jobs() {
    return jobs;
  }
}
