package dev.baton.application;

import dev.baton.domain.FencedOutException;
import dev.baton.domain.JobRun;
import dev.baton.domain.JobRunOutcome;
import dev.baton.domain.RunTrigger;
import dev.baton.domain.port.ClockPort;
import dev.baton.domain.port.JobRunPort;
import dev.baton.domain.port.SchedulerEventsPort;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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

  /** How a run attempt ended. */
  enum Status {
    /** The run started and ended; {@link Result#run()} is its record. */
    FINISHED,
    /** A scheduled run found its job paused: nothing was written, the task did not run. */
    PAUSED,
    /** Its start could not be recorded (fenced out, database unreachable): the task did not run. */
    NOT_STARTED,
    /** A scheduled run found nothing to do ({@link JobTask#hasWork}): nothing was written. */
    IDLE
  }

  /** What {@link #run} did; {@code run} is null unless {@link Status#FINISHED}. */
  record Result(Status status, JobRun run) {}

  private final JobRunPort runs;
  private final SchedulerEventsPort events;
  private final ClockPort clock;
  private final ScheduledExecutorService timer;

  /**
   * @param timer interrupts a run that overstays its job's timeout
   */
  JobRunner(
      JobRunPort runs,
      SchedulerEventsPort events,
      ClockPort clock,
      ScheduledExecutorService timer) {
    this.runs = runs;
    this.events = events;
    this.clock = clock;
    this.timer = timer;
  }

  /**
   * Runs {@code job} for its due slot on its schedule (held back while the job is paused), or as a
   * run asked for (paused or not) when no slot is due; a paused job that was asked for runs as
   * asked. A scheduled run serves the requests that wait too, and a run of either kind the work a
   * woken run would do; only when neither is due does a woken run start.
   *
   * @param dueSlot the slot due now, or null when only requests or a wake-up wait
   * @param requests what the run was asked for by, a wake-up among them
   */
  Result runDue(
      JobDefinition job,
      JobScheduler.Leadership leadership,
      Instant dueSlot,
      RunRequests.Taken requests,
      Instant now,
      Runnable taskEnded) {
    boolean requested = requests.requested();
    if (dueSlot != null) {
      Result scheduled = run(job, leadership, dueSlot, RunTrigger.SCHEDULED, taskEnded);
      boolean heldBack = scheduled.status() == Status.PAUSED || scheduled.status() == Status.IDLE;
      if (!heldBack || !requested) {
        return scheduled;
      }
    }
    if (!requested && requests.woken()) {
      return run(job, leadership, now, RunTrigger.WOKEN, taskEnded);
    }
    return run(job, leadership, now, RunTrigger.REQUESTED, taskEnded);
  }

  /**
   * Runs {@code job} on the calling thread: for the slot {@code scheduledAt} when {@code trigger}
   * is scheduled, or because it was asked for.
   *
   * @param taskEnded called as soon as the task returns or throws, before the end is recorded (an
   *     interrupt meant for the task must not reach the recording)
   */
  Result run(
      JobDefinition job,
      JobScheduler.Leadership leadership,
      Instant scheduledAt,
      RunTrigger trigger,
      Runnable taskEnded) {
    Instant localStart = clock.now();
    if (trigger == RunTrigger.SCHEDULED && !hasWork(job)) {
      return new Result(Status.IDLE, null);
    }
    JobRun started;
    try {
      Optional<JobRun> recorded =
          runs.startRun(
              job.name(), leadership.instanceId(), leadership.term(), scheduledAt, trigger);
      if (recorded.isEmpty()) {
        if (trigger == RunTrigger.WOKEN) {
          // Asked again every second while the work waits: once at INFO would be once a second.
          log.debug("Woken run of {} held back: the job is paused", job.name());
        } else {
          log.info("Run of {} for {} held back: the job is paused", job.name(), scheduledAt);
        }
        return new Result(Status.PAUSED, null);
      }
      started = recorded.get();
    } catch (FencedOutException e) {
      log.warn("Run of {} not started: {}", job.name(), e.getMessage());
      events.fencedWriteRejected("job_run start");
      leadership.onFencedOut().run();
      return new Result(Status.NOT_STARTED, null);
    } catch (RuntimeException e) {
      log.warn(
          "Run of {} skipped: its start could not be recorded: {}", job.name(), e.getMessage());
      return new Result(Status.NOT_STARTED, null);
    }

    JobRunOutcome outcome;
    String error = null;
    boolean fencedOut = false;
    Overstay overstay = Overstay.watch(job, timer);
    try (MDC.MDCCloseable runId = MDC.putCloseable(MdcKeys.RUN_ID, String.valueOf(started.id()))) {
      job.task()
          .run(
              new JobTask.RunContext(
                  started.id(),
                  job.name(),
                  started.instanceId(),
                  started.term(),
                  started.scheduledAt(),
                  trigger));
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
      overstay.end();
      taskEnded.run();
    }
    if (overstay.happened()) {
      outcome = JobRunOutcome.FAILED;
      error = "timed out after " + job.timeout().orElseThrow().toMillis() + " ms";
      log.warn("Run {} of {} {}", started.id(), job.name(), error);
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
    return new Result(Status.FINISHED, finished);
  }

  private static boolean hasWork(JobDefinition job) {
    try {
      return job.task().hasWork();
    } catch (RuntimeException e) {
      log.warn(
          "Run of {} skipped: could not tell whether it has work: {}", job.name(), e.toString());
      return false;
    }
  }

  /** The interrupt of a run that overstays its job's timeout. */
  private static final class Overstay {
    private final ScheduledFuture<?> alarm;
    private final AtomicBoolean happened;

    private Overstay(ScheduledFuture<?> alarm, AtomicBoolean happened) {
      this.alarm = alarm;
      this.happened = happened;
    }

    static Overstay watch(JobDefinition job, ScheduledExecutorService timer) {
      AtomicBoolean happened = new AtomicBoolean();
      if (job.timeout().isEmpty()) {
        return new Overstay(null, happened);
      }
      Thread runThread = Thread.currentThread();
      ScheduledFuture<?> alarm =
          timer.schedule(
              () -> {
                happened.set(true);
                runThread.interrupt();
              },
              job.timeout().get().toNanos(),
              TimeUnit.NANOSECONDS);
      return new Overstay(alarm, happened);
    }

    /** The task is over: no interrupt comes after this. */
    void end() {
      if (alarm != null) {
        alarm.cancel(false);
      }
    }

    boolean happened() {
      return happened.get();
    }
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
