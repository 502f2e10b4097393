package dev.baton.application;

import dev.baton.application.port.in.JobDetails;
import dev.baton.application.port.in.JobsQuery;
import dev.baton.application.port.in.RunJobUseCase;
import dev.baton.application.port.in.StepDownUseCase;
import dev.baton.domain.JobRun;
import dev.baton.domain.port.JobRunPort;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** The operator's actions on jobs and leadership, and the jobs' recent history. */
public final class JobsService implements JobsQuery, RunJobUseCase, StepDownUseCase {
  static final int RECENT_RUNS = 20;

  private final JobScheduler scheduler;
  private final JobRunPort runs;
  private final SchedulerLifecycle lifecycle;

  public JobsService(JobScheduler scheduler, JobRunPort runs, SchedulerLifecycle lifecycle) {
    this.scheduler = scheduler;
    this.runs = runs;
    this.lifecycle = lifecycle;
  }

  @Override
  public List<JobDetails> jobs() {
    return scheduler.jobs().stream()
        .map(
            view -> {
              List<JobRun> recent = runs.recentRuns(view.definition().name(), RECENT_RUNS);
              return new JobDetails(
                  view.definition().name(),
                  view.definition().interval(),
                  recent.isEmpty() ? null : recent.get(0),
                  view.nextRunAt(),
                  recent);
            })
        .toList();
  }

  @Override
  public JobRun runNow(String jobName) throws InterruptedException {
    CompletableFuture<JobRun> run;
    try {
      run = scheduler.requestRun(jobName);
    } catch (NotLeaderException e) {
      throw new NotLeaderException(e.getMessage(), lifecycle.leaderInstanceId().orElse(null));
    }
    try {
      return run.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof NotLeaderException notLeader) {
        throw new NotLeaderException(
            notLeader.getMessage(), lifecycle.leaderInstanceId().orElse(null));
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("the run of " + jobName + " failed to start", cause);
    }
  }

  @Override
  public void stepDown() throws InterruptedException {
    lifecycle.stepDown();
  }
}
