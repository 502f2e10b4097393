package dev.baton.testsupport.fakes;

import dev.baton.domain.FencedOutException;
import dev.baton.domain.JobRun;
import dev.baton.domain.JobRunOutcome;
import dev.baton.domain.RunTrigger;
import dev.baton.domain.ScheduledJob;
import dev.baton.domain.port.ClockPort;
import dev.baton.domain.port.JobRunPort;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Job-run storage in memory, fenced against a term supplier such as {@link
 * InMemoryLeadership.LockTable#term()}.
 */
public final class InMemoryJobRuns implements JobRunPort {
  private final ClockPort clock;
  private final LongSupplier currentTerm;
  private final Map<Long, JobRun> runs = new LinkedHashMap<>();
  private final Map<String, ScheduledJob> jobs = new TreeMap<>();
  private final AtomicInteger startFailures = new AtomicInteger();
  private final AtomicInteger abandonFailures = new AtomicInteger();
  private long nextId = 1;

  public InMemoryJobRuns(ClockPort clock, LongSupplier currentTerm) {
    this.clock = clock;
    this.currentTerm = currentTerm;
  }

  /** The next {@code count} starts fail as an unreachable database would. */
  public void failNextStarts(int count) {
    startFailures.set(count);
  }

  /** The next {@code count} sweeps of unfinished runs fail, as a database hiccup would. */
  public void failNextAbandonSweeps(int count) {
    abandonFailures.set(count);
  }

  /** Stores a job's last start and slot, as a previous leader would have. */
  public synchronized void recordLastStart(String jobName, Instant at) {
    ScheduledJob job = scheduledJob(jobName);
    jobs.put(jobName, new ScheduledJob(jobName, at, at, job.paused(), job.runRequestedAt()));
  }

  /** Stores a run as a previous leader left it. */
  public synchronized JobRun insert(JobRun run) {
    JobRun stored =
        new JobRun(
            nextId++,
            run.jobName(),
            run.instanceId(),
            run.term(),
            run.scheduledAt(),
            run.startedAt(),
            run.finishedAt(),
            run.outcome(),
            run.error());
    runs.put(stored.id(), stored);
    return stored;
  }

  public synchronized List<JobRun> allRuns() {
    return new ArrayList<>(runs.values());
  }

  public synchronized List<JobRun> runsOf(String jobName) {
    return runs.values().stream().filter(run -> run.jobName().equals(jobName)).toList();
  }

  @Override
  public synchronized Optional<JobRun> startRun(
      String jobName, String instanceId, long term, Instant scheduledAt, RunTrigger trigger) {
    if (startFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new IllegalStateException("database unreachable");
    }
    long current = currentTerm.getAsLong();
    if (current != term) {
      throw new FencedOutException("start of " + jobName, term, current);
    }
    ScheduledJob job = scheduledJob(jobName);
    if (job.paused() && trigger != RunTrigger.REQUESTED) {
      return Optional.empty();
    }
    Instant now = clock.now();
    JobRun run =
        new JobRun(
            nextId++,
            jobName,
            instanceId,
            term,
            scheduledAt,
            now,
            null,
            JobRunOutcome.RUNNING,
            null);
    runs.put(run.id(), run);
    jobs.put(
        jobName,
        switch (trigger) {
          case SCHEDULED -> new ScheduledJob(jobName, now, scheduledAt, job.paused(), null);
          case REQUESTED -> new ScheduledJob(jobName, now, job.lastSlotAt(), job.paused(), null);
          case WOKEN ->
              new ScheduledJob(jobName, now, job.lastSlotAt(), job.paused(), job.runRequestedAt());
        });
    return Optional.of(run);
  }

  @Override
  public synchronized List<ScheduledJob> scheduledJobs() {
    return List.copyOf(jobs.values());
  }

  @Override
  public synchronized ScheduledJob scheduledJob(String jobName) {
    return jobs.getOrDefault(jobName, ScheduledJob.unknown(jobName));
  }

  @Override
  public synchronized void setPaused(String jobName, boolean paused) {
    ScheduledJob job = scheduledJob(jobName);
    jobs.put(
        jobName,
        new ScheduledJob(
            jobName, job.lastStartedAt(), job.lastSlotAt(), paused, job.runRequestedAt()));
  }

  @Override
  public synchronized void requestRun(String jobName, Instant requestedAt) {
    ScheduledJob job = scheduledJob(jobName);
    if (job.runRequestedAt() == null) {
      jobs.put(
          jobName,
          new ScheduledJob(
              jobName, job.lastStartedAt(), job.lastSlotAt(), job.paused(), requestedAt));
    }
  }

  @Override
  public synchronized JobRun finishRun(long runId, JobRunOutcome outcome, String error) {
    JobRun run = runs.get(runId);
    if (run == null) {
      throw new NoSuchElementException("no run " + runId);
    }
    JobRun finished = run.finished(clock.now(), outcome, error);
    runs.put(runId, finished);
    return finished;
  }

  @Override
  public synchronized List<JobRun> recentRuns(String jobName, int limit) {
    return runs.values().stream()
        .filter(run -> run.jobName().equals(jobName))
        .sorted(Comparator.comparingLong(JobRun::id).reversed())
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized List<JobRun> recentRunsOfEveryJob(int limit) {
    return runs.values().stream()
        .sorted(Comparator.comparingLong(JobRun::id).reversed())
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized Optional<JobRun> findRun(long runId) {
    return Optional.ofNullable(runs.get(runId));
  }

  @Override
  public synchronized int abandonUnfinishedRunsBefore(long term) {
    if (abandonFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new IllegalStateException("database hiccup");
    }
    int count = 0;
    for (JobRun run : List.copyOf(runs.values())) {
      if (run.outcome() == JobRunOutcome.RUNNING && run.term() < term) {
        runs.put(run.id(), run.finished(clock.now(), JobRunOutcome.ABANDONED, null));
        count++;
      }
    }
    return count;
  }
}
