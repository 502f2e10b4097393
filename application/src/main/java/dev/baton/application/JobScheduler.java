package dev.baton.application;

import dev.baton.domain.JobRun;
import dev.baton.domain.port.ClockPort;
import dev.baton.domain.port.JobRunPort;
import dev.baton.domain.port.SchedulerEventsPort;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs the registered jobs while this instance leads: interval triggers with jitter, one run of a
 * job at a time (an overrunning run delays the next), requested runs queued behind the current one,
 * every run recorded in {@code baton_job_run} with a fenced start.
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

  /** A job as the scheduler sees it now. */
  public record JobView(JobDefinition definition, Instant nextRunAt, boolean running) {}

  private final Map<String, Slot> slots = new LinkedHashMap<>();
  private final JobRunPort runs;
  private final JobRunner runner;
  private final ClockPort clock;
  private final ScheduledExecutorService timer;
  private final ExecutorService workers;
  private final Jitter jitter;

  private final Object lock = new Object();
  private Session session; // guarded by lock
  private int inFlight; // guarded by lock

  public JobScheduler(
      List<JobDefinition> jobs,
      JobRunPort runs,
      SchedulerEventsPort events,
      ClockPort clock,
      ScheduledExecutorService timer,
      ExecutorService workers,
      Jitter jitter) {
    for (JobDefinition job : jobs) {
      if (slots.put(job.name(), new Slot(job)) != null) {
        throw new IllegalArgumentException("two jobs named " + job.name());
      }
    }
    this.runs = runs;
    this.runner = new JobRunner(runs, events, clock);
    this.clock = clock;
    this.timer = timer;
    this.workers = workers;
    this.jitter = jitter;
  }

  /** A leadership's first run of each job, read from the stored cadence, ready to schedule. */
  public record Start(Leadership leadership, Map<String, Instant> firstRuns) {
    public Start {
      Objects.requireNonNull(leadership, "leadership");
      firstRuns = Map.copyOf(firstRuns);
    }
  }

  /**
   * Reads when each job runs first under {@code leadership}: at once when it is overdue or has
   * never run, otherwise when its stored cadence says — never before {@code jobsStartAt}. Asks the
   * database; schedules nothing.
   */
  public Start prepare(Leadership leadership) {
    Map<String, Instant> firstRuns = new LinkedHashMap<>();
    for (Slot slot : slots.values()) {
      firstRuns.put(slot.definition.name(), firstRunAt(slot.definition, leadership.jobsStartAt()));
    }
    return new Start(leadership, firstRuns);
  }

  private Instant firstRunAt(JobDefinition job, Instant jobsStartAt) {
    try {
      return runs.lastStartedAt(job.name())
          .map(last -> last.plus(job.interval()))
          .filter(due -> due.isAfter(jobsStartAt))
          .map(due -> due.plus(jitter.upTo(job.maxJitter())))
          .orElse(jobsStartAt);
    } catch (RuntimeException e) {
      log.warn("Could not read the last start of {}; running it at once", job.name(), e);
      return jobsStartAt;
    }
  }

  /** Starts scheduling as {@code start} says. Quick: it only arms timers. */
  public void startLeading(Start start) {
    synchronized (lock) {
      if (session != null && session.active) {
        throw new IllegalStateException("already scheduling under term " + session.term());
      }
      session = new Session(start.leadership());
      for (Slot slot : slots.values()) {
        scheduleAt(
            slot,
            session,
            start
                .firstRuns()
                .getOrDefault(slot.definition.name(), start.leadership().jobsStartAt()));
      }
    }
  }

  /** Stops triggering runs; runs in flight go on. Queued run requests fail. */
  public void stopScheduling() {
    List<CompletableFuture<JobRun>> abandoned = new ArrayList<>();
    synchronized (lock) {
      if (session == null || !session.active) {
        return;
      }
      session.active = false;
      for (Slot slot : slots.values()) {
        slot.generation++;
        if (slot.timer != null) {
          slot.timer.cancel(false);
          slot.timer = null;
        }
        slot.nextRunAt = null;
        abandoned.addAll(slot.waiting);
        slot.waiting.clear();
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
    if (awaitIdle(drainTimeout)) {
      return true;
    }
    log.warn("Runs still in flight after the drain timeout of {}; interrupting them", drainTimeout);
    interruptInFlight();
    if (awaitIdle(afterInterrupt)) {
      return true;
    }
    log.warn("Interrupted runs did not end within {}", afterInterrupt);
    return false;
  }

  /** Interrupts the threads of runs in flight; they are recorded {@code cancelled}. */
  void interruptInFlight() {
    synchronized (lock) {
      for (Slot slot : slots.values()) {
        if (slot.runner != null) {
          slot.runner.interrupt();
        }
      }
    }
  }

  /**
   * Waits until no run is in flight.
   *
   * @return false when runs were still in flight after {@code timeout}
   */
  boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (inFlight > 0) {
        long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (remainingMillis <= 0) {
          return false;
        }
        lock.wait(remainingMillis);
      }
      return true;
    }
  }

  /** Whether any job is registered: without one there is nothing to lead for. */
  public boolean hasJobs() {
    return !slots.isEmpty();
  }

  /** Whether runs are being scheduled (this instance leads). */
  public boolean isScheduling() {
    synchronized (lock) {
      return session != null && session.active;
    }
  }

  /** Whether anything is scheduled or still running. */
  public boolean isBusy() {
    synchronized (lock) {
      return inFlight > 0 || (session != null && session.active);
    }
  }

  /**
   * Runs {@code jobName} as soon as possible: now, or right after the run in progress.
   *
   * @return the finished run
   * @throws UnknownJobException when no such job is registered
   * @throws NotLeaderException when this instance does not lead
   */
  public CompletableFuture<JobRun> requestRun(String jobName) {
    CompletableFuture<JobRun> request = new CompletableFuture<>();
    synchronized (lock) {
      Slot slot = slots.get(jobName);
      if (slot == null) {
        throw new UnknownJobException(jobName);
      }
      if (session == null || !session.active) {
        throw new NotLeaderException("this instance does not lead", null);
      }
      slot.waiting.add(request);
      if (!slot.running) {
        if (slot.timer != null) {
          slot.timer.cancel(false);
        }
        scheduleAt(slot, session, clock.now());
      }
    }
    return request;
  }

  public List<JobView> jobs() {
    synchronized (lock) {
      return slots.values().stream()
          .map(slot -> new JobView(slot.definition, slot.nextRunAt, slot.running))
          .toList();
    }
  }

  // guarded by lock
  private void scheduleAt(Slot slot, Session owner, Instant at) {
    long generation = ++slot.generation;
    long delayNanos = Math.max(0, Duration.between(clock.now(), at).toNanos());
    slot.nextRunAt = at;
    slot.timer =
        timer.schedule(
            () -> trigger(slot, owner, generation, at), delayNanos, TimeUnit.NANOSECONDS);
  }

  private void trigger(Slot slot, Session owner, long generation, Instant scheduledAt) {
    List<CompletableFuture<JobRun>> requests;
    synchronized (lock) {
      if (owner != session || !owner.active || slot.generation != generation) {
        return;
      }
      if (slot.running) {
        // A run of an earlier term is still in flight, stuck on a dead connection say. One run of
        // a job at a time: this one waits, and the end of that run schedules it.
        slot.timer = null;
        slot.nextRunAt = null;
        return;
      }
      slot.timer = null;
      slot.nextRunAt = null;
      slot.running = true;
      inFlight++;
      requests = new ArrayList<>(slot.waiting);
      slot.waiting.clear();
    }
    try {
      workers.execute(() -> execute(slot, owner, scheduledAt, requests));
    } catch (RejectedExecutionException e) {
      log.warn("Run of {} not started: the job executor is shut down", slot.definition.name());
      synchronized (lock) {
        slot.running = false;
        inFlight--;
        lock.notifyAll();
      }
      requests.forEach(request -> request.completeExceptionally(e));
    }
  }

  private void execute(
      Slot slot, Session owner, Instant scheduledAt, List<CompletableFuture<JobRun>> requests) {
    JobDefinition job = slot.definition;
    Instant localStart = clock.now();
    try (MDC.MDCCloseable jobName = MDC.putCloseable(MdcKeys.JOB, job.name());
        MDC.MDCCloseable term =
            MDC.putCloseable(MdcKeys.TERM, String.valueOf(owner.leadership.term()))) {
      synchronized (lock) {
        if (!owner.active) {
          throw new NotLeaderException("leadership ended before the run started", null);
        }
        slot.runner = Thread.currentThread();
      }
      Optional<JobRun> finished =
          runner.run(job, owner.leadership, scheduledAt, () -> clearRunner(slot));
      if (finished.isEmpty()) {
        IllegalStateException notRecorded =
            new IllegalStateException("the start of " + job.name() + " was not recorded");
        requests.forEach(request -> request.completeExceptionally(notRecorded));
      } else {
        requests.forEach(request -> request.complete(finished.get()));
      }
    } catch (RuntimeException e) {
      requests.forEach(request -> request.completeExceptionally(e));
    } finally {
      // An interrupt meant for this run (a leadership that ended) must not reach the worker's next.
      Thread.interrupted();
      synchronized (lock) {
        slot.runner = null;
        slot.running = false;
        inFlight--;
        lock.notifyAll();
        scheduleNext(slot, owner, localStart);
      }
    }
  }

  private void clearRunner(Slot slot) {
    synchronized (lock) {
      slot.runner = null;
    }
  }

  // guarded by lock
  private void scheduleNext(Slot slot, Session owner, Instant lastStart) {
    if (owner == session && owner.active) {
      Instant now = clock.now();
      if (!slot.waiting.isEmpty()) {
        scheduleAt(slot, owner, now);
      } else {
        Instant due = lastStart.plus(slot.definition.interval());
        Instant next =
            (due.isAfter(now) ? due : now).plus(jitter.upTo(slot.definition.maxJitter()));
        scheduleAt(slot, owner, next);
      }
    } else if (session != null && session.active && slot.timer == null) {
      // This run outlived its term and held up the current term's run, which goes now.
      scheduleAt(slot, session, clock.now());
    }
  }

  private static final class Slot {
    final JobDefinition definition;
    final List<CompletableFuture<JobRun>> waiting = new ArrayList<>();
    ScheduledFuture<?> timer;
    Instant nextRunAt;
    long generation;
    boolean running;
    Thread runner;

    Slot(JobDefinition definition) {
      this.definition = definition;
    }
  }

  private static final class Session {
    final Leadership leadership;
    volatile boolean active = true;

    Session(Leadership leadership) {
      this.leadership = leadership;
    }

    long term() {
      return leadership.term();
    }
  }
}
