package dev.baton.adapters.http;

import dev.baton.application.port.in.JobDetails;
import dev.baton.application.port.in.JobsQuery;
import java.util.List;

/** The jobs a test sets; none until then. */
final class FakeJobsQuery implements JobsQuery {
  private volatile List<JobDetails> jobs = List.of();

  void answer(List<JobDetails> jobs) {
    this.jobs = List.copyOf(jobs);
  }

  @Override
  public List<JobDetails> jobs() {
    return jobs;
  }
}
