package dev.baton.application;

import dev.baton.domain.FencedOutException;
import dev.baton.domain.JobRun;
import dev.baton.domain.JobRunOutcome;
import dev.baton.domain.port.ClockPort;
import dev.baton.domain.port.JobRunPort;
import dev.baton.domain.port.SchedulerEventsPort;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one job run and keeps its record: the start is a fenced insert (rejected → the task does not
 * run), the end is recorded by run id without fencing, so what happened is never lost. A write
 * rejected by fencing, at the start or inside the task, tells the leadership to give up.
 */
final class JobRunner {
  private static final Logger log = LoggerFactory.getLogger(JobScheduler.class);

  private final JobRunPort runs;
  private final SchedulerEventsPort events;
  private final ClockPort clock;

  JobRunner(JobRunPort runs, SchedulerEventsPort events, ClockPort clock) {
    this.runs = runs;
    this.events = events;
    this.clock = clock;
  }

  /**
   * Runs {@code job} for the slot {@code scheduledAt} on the calling thread.
   *
   * @param taskEnded called as soon as the task returns or throws, before the end is recorded (an
   *     interrupt meant for the task must not reach the recording)
   * @return the finished run; empty when its start could not be recorded and the task did not run
   */
  Optional<JobRun> run(
      JobDefinition job,
      JobScheduler.Leadership leadership,
      Instant scheduledAt,
      Runnable taskEnded) {
    Instant localStart = clock.now();
    JobRun started;
    try {
      started = runs.startRun(job.name(), leadership.instanceId(), leadership.term(), scheduledAt);
    } catch (FencedOutException e) {
      log.warn("Run of {} not started: {}", job.name(), e.getMessage());
      events.fencedWriteRejected("job_run start");
      leadership.onFencedOut().run();
      return Optional.empty();
    } catch (RuntimeException e) {
      log.warn("Run of {} skipped: its start could not be recorded", job.name(), e);
      return Optional.empty();
    }

    JobRunOutcome outcome;
    String error = null;
    boolean fencedOut = false;
    try (MDC.MDCCloseable runId = MDC.putCloseable(MdcKeys.RUN_ID, String.valueOf(started.id()))) {
      job.task()
          .run(
              new JobTask.RunContext(
                  started.id(), job.name(), started.instanceId(), started.term()));
      outcome =
          Thread.currentThread().isInterrupted()
              ? JobRunOutcome.CANCELLED
              : JobRunOutcome.SUCCEEDED;
    } catch (InterruptedException e) {
      outcome = JobRunOutcome.CANCELLED;
      error = "interrupted: leadership ended or shutdown";
    } catch (FencedOutException e) {
      outcome = JobRunOutcome.FAILED;
      error = e.getMessage();
      fencedOut = true;
      log.warn("Run {} of {} stopped: {}", started.id(), job.name(), e.getMessage());
    } catch (Exception e) {
      boolean interrupted = Thread.currentThread().isInterrupted();
      outcome = interrupted ? JobRunOutcome.CANCELLED : JobRunOutcome.FAILED;
      // The API shows this: the task's own words, never a Java class name.
      error = e.getMessage() != null ? e.getMessage() : "the task failed without a message";
      log.warn("Run {} of {} {}", started.id(), job.name(), outcome.wireName(), e);
    } finally {
      taskEnded.run();
    }
    // The run is over: clear an interrupt so that recording its end is not disturbed by it.
    Thread.interrupted();
    JobRun finished = recordEnd(started, outcome, error);
    events.jobRunFinished(job.name(), outcome, Duration.between(localStart, clock.now()));
    if (fencedOut) {
      // A newer term exists: this instance must stop leading, whatever its lease check says.
      events.fencedWriteRejected("write of " + job.name());
      leadership.onFencedOut().run();
    }
    return Optional.of(finished);
  }

  private JobRun recordEnd(JobRun started, JobRunOutcome outcome, String error) {
    try {
      return runs.finishRun(started.id(), outcome, error);
    } catch (RuntimeException e) {
      log.error(
          "Could not record the end of run {} of {} ({})",
          started.id(),
          started.jobName(),
          outcome.wireName(),
          e);
      return started.finished(clock.now(), outcome, error);
    }
  }
}
