package dev.baton.application;

import dev.baton.application.port.in.JobDetails;
import dev.baton.application.port.in.JobsQuery;
import dev.baton.application.port.in.PauseJobUseCase;
import dev.baton.application.port.in.RunJobUseCase;
import dev.baton.application.port.in.StepDownUseCase;
import dev.baton.domain.JobRun;
import dev.baton.domain.ScheduledJob;
import dev.baton.domain.port.ClockPort;
import dev.baton.domain.port.JobRunPort;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The operator's actions on jobs and leadership, and the jobs' recent history. */
public final class JobsService
    implements JobsQuery, RunJobUseCase, PauseJobUseCase, StepDownUseCase {
  private static final Logger log = LoggerFactory.getLogger(JobsService.class);
  static final int RECENT_RUNS = 20;

  private final JobScheduler scheduler;
  private final JobRunPort runs;
  private final SchedulerLifecycle lifecycle;
  private final ClockPort clock;

  public JobsService(
      JobScheduler scheduler, JobRunPort runs, SchedulerLifecycle lifecycle, ClockPort clock) {
    this.scheduler = scheduler;
    this.runs = runs;
    this.lifecycle = lifecycle;
    this.clock = clock;
  }

  @Override
  public List<JobDetails> jobs() {
    Map<String, ScheduledJob> stored = stored();
    return scheduler.jobs().stream().map(view -> details(view, stored)).toList();
  }

  @Override
  public List<JobRun> recentRuns(int limit) {
    return runs.recentRunsOfEveryJob(limit);
  }

  private JobDetails details(JobView view, Map<String, ScheduledJob> stored) {
    String name = view.definition().name();
    List<JobRun> recent = runs.recentRuns(name, RECENT_RUNS);
    ScheduledJob job = stored.getOrDefault(name, ScheduledJob.unknown(name));
    return new JobDetails(
        name,
        view.definition().schedule(),
        job.paused(),
        recent.isEmpty() ? null : recent.get(0),
        view.nextRunAt(),
        recent);
  }

  private Map<String, ScheduledJob> stored() {
    return runs.scheduledJobs().stream()
        .collect(Collectors.toMap(ScheduledJob::jobName, Function.identity()));
  }

  @Override
  public RunNow runNow(String jobName) throws InterruptedException {
    if (!scheduler.knows(jobName)) {
      throw new UnknownJobException(jobName);
    }
    CompletableFuture<JobRun> run;
    try {
      run = scheduler.requestRun(jobName);
    } catch (NotLeaderException e) {
      // Any instance may ask: the leader reads the stored request within a second.
      runs.requestRun(jobName, clock.now());
      String leader = lifecycle.leaderInstanceId().orElse(null);
      log.info("A run of {} is asked for; the leader ({}) starts it", jobName, leader);
      return new RunNow(null, leader);
    }
    try {
      return new RunNow(run.get(), lifecycle.leaderInstanceId().orElse(null));
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof NotLeaderException) {
        // The leadership ended before the run started: the request goes to the next leader.
        runs.requestRun(jobName, clock.now());
        return new RunNow(null, lifecycle.leaderInstanceId().orElse(null));
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("the run of " + jobName + " failed to start", cause);
    }
  }

  @Override
  public JobDetails setPaused(String jobName, boolean paused) {
    if (!scheduler.knows(jobName)) {
      throw new UnknownJobException(jobName);
    }
    runs.setPaused(jobName, paused);
    log.info("Job {} {}", jobName, paused ? "paused" : "resumed");
    Map<String, ScheduledJob> stored = stored();
    return scheduler.jobs().stream()
        .filter(view -> view.definition().name().equals(jobName))
        .map(view -> details(view, stored))
        .findFirst()
        .orElseThrow(() -> new UnknownJobException(jobName));
  }

  @Override
  public void stepDown() throws InterruptedException {
    lifecycle.stepDown();
  }
}
