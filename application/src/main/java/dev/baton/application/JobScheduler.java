package dev.baton.application;

import dev.baton.application.schedule.DueSlot;
import dev.baton.domain.JobRun;
import dev.baton.domain.ScheduledJob;
import dev.baton.domain.port.ClockPort;
import dev.baton.domain.port.JobRunPort;
import dev.baton.domain.port.SchedulerEventsPort;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs the registered jobs while this instance leads: each on the slots of its schedule (interval
 * plus jitter, or cron), continuing the cadence stored by any earlier leader, one run of a job at a
 * time (an overrunning run delays the next), runs asked for queued behind the current one — also
 * those asked for on another instance, which are stored and handed in by {@link
 * #queueStoredRequests}.
 *
 * <p>Triggers fire on the injected timer; runs execute on the injected workers ({@link JobRunner}
 * keeps each run's record). A leadership session ({@link #prepare}, then {@link #startLeading})
 * ends with {@link #stopScheduling}, {@link #stopNow} or {@link #stopAndDrain}; callbacks of an
 * ended session schedule nothing.
 */
public final class JobScheduler {
  private static final Logger log = LoggerFactory.getLogger(JobScheduler.class);

  /** The leadership the jobs run under. */
  public record Leadership(
      String instanceId, long term, Instant jobsStartAt, Runnable onFencedOut) {
    public Leadership {
      Objects.requireNonNull(instanceId, "instanceId");
      Objects.requireNonNull(jobsStartAt, "jobsStartAt");
      Objects.requireNonNull(onFencedOut, "onFencedOut");
    }
  }

  private final Map<String, JobSlot> slots = new LinkedHashMap<>();
  private final JobRunner runner;
  private final ClockPort clock;
  private final ScheduledExecutorService timer;
  private final ExecutorService workers;
  private final Jitter jitter;
  private final StoredCadence cadence;

  private final Object lock = new Object();
  private JobSession session; // guarded by lock
  private final RunsInFlight inFlight = new RunsInFlight();

  public JobScheduler(
      List<JobDefinition> jobs,
      JobRunPort runs,
      SchedulerEventsPort events,
      ClockPort clock,
      ScheduledExecutorService timer,
      ExecutorService workers,
      Jitter jitter) {
    for (JobDefinition job : jobs) {
      if (slots.put(job.name(), new JobSlot(job)) != null) {
        throw new IllegalArgumentException("two jobs named " + job.name());
      }
    }
    this.cadence = new StoredCadence(runs, slots.keySet());
    this.runner = new JobRunner(runs, events, clock, timer);
    this.clock = clock;
    this.timer = timer;
    this.workers = workers;
    this.jitter = jitter;
  }

  /**
   * Reads each job's stored cadence and plans its first run under {@code leadership}: a missed slot
   * runs at once (one catch-up run, never a burst), a slot still to come at its time — never before
   * {@code jobsStartAt}. Asks the database; schedules nothing.
   */
  public ScheduleStart prepare(Leadership leadership) {
    Map<String, Instant> stored = cadence.lastSlots();
    Instant from = Collections.max(List.of(clock.now(), leadership.jobsStartAt()));
    return ScheduleStart.plan(leadership, slots.values(), stored, from, jitter);
  }

  /** Starts scheduling as {@code start} says. Quick: it only arms timers. */
  public void startLeading(ScheduleStart start) {
    synchronized (lock) {
      if (leading()) {
        throw new IllegalStateException("already scheduling under term " + session.term());
      }
      session = new JobSession(start.leadership());
      for (JobSlot slot : slots.values()) {
        ScheduleStart.Planned planned = start.plan().get(slot.definition.name());
        slot.lastSlot = planned == null ? Optional.empty() : planned.lastSlot();
        if (planned == null) {
          scheduleNext(slot, session);
        } else {
          arm(slot, session, planned.slot(), planned.runAt());
        }
      }
    }
  }

  /** Stops triggering runs; runs in flight go on. Queued run requests fail. */
  public void stopScheduling() {
    List<CompletableFuture<JobRun>> abandoned = new ArrayList<>();
    synchronized (lock) {
      if (!leading()) {
        return;
      }
      session.active = false;
      for (JobSlot slot : slots.values()) {
        slot.disarm();
        abandoned.addAll(slot.requests.abandon());
      }
    }
    NotLeaderException notLeader =
        new NotLeaderException("leadership ended before the requested run started", null);
    abandoned.forEach(request -> request.completeExceptionally(notLeader));
  }

  /** Stops scheduling and interrupts the runs in flight at once: the leadership is gone. */
  public void stopNow() {
    stopScheduling();
    interruptInFlight();
  }

  /**
   * Stops scheduling and lets the runs in flight finish for {@code drainTimeout}; interrupts what
   * is left and waits {@code afterInterrupt} more.
   *
   * @return false when runs were still in flight at the end
   */
  public boolean stopAndDrain(Duration drainTimeout, Duration afterInterrupt)
      throws InterruptedException {
    stopScheduling();
    return inFlight.drain(drainTimeout, afterInterrupt);
  }

  /** Interrupts the threads of runs in flight; they are recorded {@code cancelled}. */
  void interruptInFlight() {
    inFlight.interruptAll();
  }

  boolean awaitIdle(Duration timeout) throws InterruptedException {
    return inFlight.awaitNone(timeout);
  }

  /** Whether any job is registered: without one there is nothing to lead for. */
  public boolean hasJobs() {
    return !slots.isEmpty();
  }

  /** Whether {@code jobName} is a registered job. */
  public boolean knows(String jobName) {
    return slots.containsKey(jobName);
  }

  /** Whether runs are being scheduled (this instance leads). */
  public boolean isScheduling() {
    synchronized (lock) {
      return leading();
    }
  }

  /** Whether anything is scheduled or still running. */
  public boolean isBusy() {
    synchronized (lock) {
      return inFlight.any() || leading();
    }
  }

  /**
   * Runs {@code jobName} as soon as possible, paused or not: now, or right after the run in
   * progress.
   *
   * @return the finished run
   * @throws UnknownJobException when no such job is registered
   * @throws NotLeaderException when this instance does not lead
   */
  public CompletableFuture<JobRun> requestRun(String jobName) {
    CompletableFuture<JobRun> request = new CompletableFuture<>();
    synchronized (lock) {
      JobSlot slot = slot(jobName);
      if (!leading()) {
        throw new NotLeaderException("this instance does not lead", null);
      }
      slot.requests.addCaller(request);
      triggerSoon(slot);
    }
    return request;
  }

  /**
   * Brings the next scheduled run of {@code jobName} forward to now, as when new work for it was
   * just stored; does nothing unless leading, while it runs, or for a job not registered.
   */
  public void wake(String jobName) {
    synchronized (lock) {
      JobSlot slot = slots.get(jobName);
      // A run in flight or about to start for requests finds the new work itself.
      if (slot == null
          || session == null
          || !session.active
          || slot.running
          || slot.requests.any()) {
        return;
      }
      Instant now = clock.now();
      slot.disarm();
      arm(slot, session, now, now);
    }
  }

  public List<JobView> jobs() {
    synchronized (lock) {
      return slots.values().stream().map(JobSlot::view).toList();
    }
  }

  private JobSlot slot(String jobName) {
    JobSlot slot = slots.get(jobName);
    if (slot == null) {
      throw new UnknownJobException(jobName);
    }
    return slot;
  }

  /**
   * Queues a run of each job whose stored request ({@code run_requested_at}, asked for on any
   * instance) is not queued yet; the run's start clears the request. Does nothing unless leading.
   */
  public void queueStoredRequests(List<ScheduledJob> stored) {
    synchronized (lock) {
      if (!leading()) {
        return;
      }
      for (ScheduledJob job : stored) {
        JobSlot slot = slots.get(job.jobName());
        if (slot != null && job.runRequestedAt() != null && slot.requests.queueStored()) {
          log.info(
              "A run of {} was asked for at {}; it runs now", job.jobName(), job.runRequestedAt());
          triggerSoon(slot);
        }
      }
    }
  }

  /**
   * The jobs whose task is a {@link WakeableTask} and that neither run (a run takes work asked for
   * itself) nor have a run queued; none unless leading.
   */
  List<JobDefinition> idleWakeableJobs() {
    synchronized (lock) {
      return slots.values().stream()
          .filter(slot -> leading() && slot.definition.task() instanceof WakeableTask)
          .filter(slot -> !slot.running && !slot.requests.any())
          .map(slot -> slot.definition)
          .toList();
    }
  }

  /** Queues a woken run of {@code jobName}: its task has work asked for. Only while leading. */
  void wakeForWork(String jobName) {
    synchronized (lock) {
      JobSlot slot = slot(jobName);
      if (leading() && !slot.running && slot.requests.queueWake()) {
        log.debug("{} has work asked for; a woken run starts", jobName);
        triggerSoon(slot);
      }
    }
  }

  // guarded by lock
  private boolean leading() {
    return session != null && session.active;
  }

  // guarded by lock
  private void triggerSoon(JobSlot slot) {
    if (!slot.running) {
      Instant now = clock.now();
      // A slot that is due anyway runs now and serves the request too.
      Instant due = slot.plannedSlotDueBy(now);
      slot.disarm();
      arm(slot, session, due, now);
    }
  }

  // guarded by lock: the next scheduled slot, or the requests that wait
  private void scheduleNext(JobSlot slot, JobSession owner) {
    Instant now = clock.now();
    if (slot.requests.any()) {
      arm(slot, owner, null, now);
      return;
    }
    DueSlot due = slot.due(now);
    arm(slot, owner, due.slot(), slot.runAt(due, now, jitter));
  }

  // guarded by lock; plannedSlot null means the trigger serves the requests that wait
  private void arm(JobSlot slot, JobSession owner, Instant plannedSlot, Instant at) {
    long delayNanos = Math.max(0, Duration.between(clock.now(), at).toNanos());
    slot.arm(
        plannedSlot,
        at,
        generation ->
            timer.schedule(
                () -> trigger(slot, owner, generation, plannedSlot),
                delayNanos,
                TimeUnit.NANOSECONDS));
  }

  private void trigger(JobSlot slot, JobSession owner, long generation, Instant plannedSlot) {
    RunRequests.Taken requests;
    synchronized (lock) {
      if (owner != session || !owner.active || slot.generation != generation) {
        return;
      }
      requests = slot.startRun();
      if (requests == null) {
        // A run of an earlier term is still in flight, stuck on a dead connection say. One run of
        // a job at a time: this one waits, and the end of that run schedules it.
        return;
      }
      inFlight.started();
    }
    try {
      workers.execute(() -> execute(slot, owner, plannedSlot, requests));
    } catch (RejectedExecutionException e) {
      log.warn("Run of {} not started: the job executor is shut down", slot.definition.name());
      synchronized (lock) {
        slot.running = false;
      }
      inFlight.ended();
      requests.fail(e);
    }
  }

  private void execute(
      JobSlot slot, JobSession owner, Instant plannedSlot, RunRequests.Taken requests) {
    JobDefinition job = slot.definition;
    try (MDC.MDCCloseable jobName = MDC.putCloseable(MdcKeys.JOB, job.name());
        MDC.MDCCloseable term =
            MDC.putCloseable(MdcKeys.TERM, String.valueOf(owner.leadership.term()))) {
      synchronized (lock) {
        if (!owner.active) {
          throw new NotLeaderException("leadership ended before the run started", null);
        }
      }
      inFlight.taskStarted();
      Instant now = clock.now();
      boolean slotDue = plannedSlot != null && !plannedSlot.isAfter(now);
      JobRunner.Result result =
          runner.runDue(
              job,
              owner.leadership,
              slotDue ? plannedSlot : null,
              requests,
              now,
              inFlight::taskEnded);
      if (slotDue) {
        synchronized (lock) {
          // The slot has passed whatever became of it: a run that could not start is not retried
          // at once, and the next slot follows the schedule.
          slot.lastSlot = Optional.of(plannedSlot);
        }
      }
      requests.answer(result, job.name());
    } catch (RuntimeException e) {
      requests.fail(e);
    } finally {
      // An interrupt meant for this run (a leadership that ended) must not reach the worker's next.
      Thread.interrupted();
      inFlight.taskEnded();
      synchronized (lock) {
        slot.running = false;
        if (owner == session && owner.active) {
          scheduleNext(slot, owner);
        } else if (leading() && slot.timer == null) {
          // This run outlived its term and held up the current term's run, which goes now.
          scheduleNext(slot, session);
        }
      }
      inFlight.ended();
    }
  }
}
