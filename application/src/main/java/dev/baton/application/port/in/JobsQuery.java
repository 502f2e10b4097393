package dev.baton.application.port.in;

import dev.baton.domain.JobRun;
import java.util.List;

/** The registered jobs and their recent runs ({@code GET /v1/jobs}, {@code /v1/scheduler/runs}). */
public interface JobsQuery {
  List<JobDetails> jobs();

  /** The newest {@code limit} runs of every job, under any leader, newest first. */
  List<JobRun> recentRuns(int limit);
}
