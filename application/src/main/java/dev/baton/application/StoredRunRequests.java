package dev.baton.application;

import dev.baton.domain.port.JobRunPort;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * While this instance leads, reads every second the runs asked for on any instance ({@code
 * baton_scheduled_job.run_requested_at}) and hands them to the job scheduler, so that a run-now
 * that reached a follower starts within a second; and asks the idle {@link WakeableTask}s whether
 * work was asked for them (a provider's webhook, say), to start their woken runs. The reads may
 * wait on the database, so they run on an executor whose tasks may block (the housekeeping thread),
 * never on the timer.
 */
final class StoredRunRequests {
  private static final Logger log = LoggerFactory.getLogger(StoredRunRequests.class);

  /** How often the leader looks. */
  static final Duration CHECK_EVERY = Duration.ofSeconds(1);

  private final JobRunPort runs;
  private final JobScheduler jobs;
  private final ScheduledExecutorService executor;
  private ScheduledFuture<?> checks; // guarded by this

  StoredRunRequests(JobRunPort runs, JobScheduler jobs, ScheduledExecutorService executor) {
    this.runs = runs;
    this.jobs = jobs;
    this.executor = executor;
  }

  /** Starts looking; quick, so it may run under the lifecycle's lock. */
  synchronized void start() {
    stop();
    long every = CHECK_EVERY.toNanos();
    try {
      checks = executor.scheduleWithFixedDelay(this::check, every, every, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      log.debug("Not looking for stored run requests: the executor is shut down");
    }
  }

  synchronized void stop() {
    if (checks != null) {
      checks.cancel(false);
      checks = null;
    }
  }

  private void check() {
    try {
      jobs.queueStoredRequests(runs.scheduledJobs());
    } catch (RuntimeException e) {
      log.debug("Reading the stored run requests failed; trying again in {}", CHECK_EVERY, e);
    }
    try {
      wakeJobsWithWork();
    } catch (RuntimeException e) {
      log.debug(
          "Asking the jobs for work asked of them failed; trying again in {}", CHECK_EVERY, e);
    }
  }

  /**
   * Asks each idle {@link WakeableTask} whether work was asked for, and queues a woken run of those
   * that have some. Outside the scheduler's lock, since the tasks may ask the database.
   */
  void wakeJobsWithWork() {
    for (JobDefinition job : jobs.idleWakeableJobs()) {
      if (((WakeableTask) job.task()).hasWorkAskedFor()) {
        jobs.wakeForWork(job.name());
      }
    }
  }
}
