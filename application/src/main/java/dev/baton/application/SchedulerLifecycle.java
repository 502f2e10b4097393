package dev.baton.application;

import dev.baton.domain.LeaseLostException;
import dev.baton.domain.LockAttemptResult;
import dev.baton.domain.LossReason;
import dev.baton.domain.SchedulerRole;
import dev.baton.domain.port.ClockPort;
import dev.baton.domain.port.JobRunPort;
import dev.baton.domain.port.LeaderLease;
import dev.baton.domain.port.LeadershipPort;
import dev.baton.domain.port.SchedulerEventsPort;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and stops the scheduler on this instance: takes the leadership (at once, else through one
 * background acquisition loop), runs the jobs while leading, proves the lease every heartbeat,
 * stops the jobs the moment the lease is lost, and on shutdown drains, releases and force-stops, in
 * that order.
 *
 * <p>Roles change only through {@link #transition}; one log line per change names the instance and
 * the term. The lease is swapped under {@code leaseLock}, so exactly one of shutdown, step-down and
 * loss handling gives a lease up.
 */
public final class SchedulerLifecycle {
  private static final Logger log = LoggerFactory.getLogger(SchedulerLifecycle.class);
  private static final Duration ACQUISITION_STOP_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration INTERRUPTED_RUNS_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration EXECUTOR_STOP_TIMEOUT = Duration.ofSeconds(5);

  private final SchedulerSettings settings;
  private final LeadershipPort leadership;
  private final JobScheduler jobs;
  private final JobRunPort jobRuns;
  private final SchedulerEventsPort events;
  private final ClockPort clock;
  private final LifecycleExecutors executors;

  private final AtomicReference<SchedulerRole> role = new AtomicReference<>(SchedulerRole.STOPPED);
  private final Object leaseLock = new Object();
  private LeaderLease lease; // guarded by leaseLock
  private volatile LeaderLease lastLease;
  private ScheduledFuture<?> heartbeat; // guarded by leaseLock
  private final AtomicBoolean checkInFlight = new AtomicBoolean();

  private final AtomicBoolean acquisitionActive = new AtomicBoolean();
  private final ReentrantLock acquisitionStep = new ReentrantLock();
  private volatile Future<?> acquisitionTask;
  private volatile int consecutiveFailures; // written by the acquisition thread only
  private volatile Instant cooldownUntil;

  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean shutdownStarted = new AtomicBoolean();
  private final CountDownLatch shutdownDone = new CountDownLatch(1);

  public SchedulerLifecycle(
      SchedulerSettings settings,
      LeadershipPort leadership,
      JobScheduler jobs,
      JobRunPort jobRuns,
      SchedulerEventsPort events,
      ClockPort clock,
      LifecycleExecutors executors) {
    this.settings = settings;
    this.leadership = leadership;
    this.jobs = jobs;
    this.jobRuns = jobRuns;
    this.events = events;
    this.clock = clock;
    this.executors = executors;
  }

  public SchedulerRole role() {
    return role.get();
  }

  /** The lease while leading; the last one held otherwise, or empty. */
  public Optional<LeaderLease> currentLease() {
    synchronized (leaseLock) {
      return Optional.ofNullable(lease);
    }
  }

  /** The term of the lease held now or last, if any was ever held. */
  public Optional<Long> lastTerm() {
    LeaderLease last = lastLease;
    return last == null ? Optional.empty() : Optional.of(last.term());
  }

  public SchedulerSettings settings() {
    return settings;
  }

  /** False while the last lock attempts failed: the database cannot be asked. */
  public boolean isDatabaseReachable() {
    return consecutiveFailures == 0;
  }

  /** Whether {@link #start} ran and no shutdown has begun. */
  public boolean isRunning() {
    return started.get() && !shutdownStarted.get();
  }

  /**
   * Phase 1: one immediate attempt; if it does not win, phase 2: one background acquisition loop.
   * Returns without waiting for the leadership.
   */
  public void start() {
    if (!settings.pollingEnabled()) {
      if (transition(SchedulerRole.STOPPED, SchedulerRole.DISABLED)) {
        log.info(
            "Batch job polling is disabled (BATON_ENABLE_BATCH_JOB_POLLING=false); instance {} runs"
                + " no jobs",
            settings.instanceId());
      }
      return;
    }
    if (role.get() == SchedulerRole.LEADER) {
      log.warn("Instance {} is already the scheduler leader; start ignored", settings.instanceId());
      return;
    }
    if (shutdownStarted.get() || !started.compareAndSet(false, true)) {
      log.warn("Scheduler of instance {} already started; start ignored", settings.instanceId());
      return;
    }
    transition(SchedulerRole.STOPPED, SchedulerRole.ACQUIRING);
    if (settings.acquireMode() == AcquireMode.POLL) {
      leadership.onCleanRelease(this::wakeAcquisition);
    }
    if (!leadership.supportsElection()) {
      log.warn(
          "This database does not support advisory locks: the scheduler starts without leader"
              + " election (one node; a second process on the same file waits as follower)");
    }
    try {
      Optional<LeaderLease> granted = attempt(leadership::tryAcquire);
      if (granted.isPresent()) {
        if (becomeLeader(granted.get())) {
          return;
        }
        consecutiveFailures++;
      } else if (consecutiveFailures == 0) {
        transitionFromWaiting(SchedulerRole.FOLLOWER);
      }
      ensureAcquisitionLoop(firstRetryDelay());
    } catch (RuntimeException e) {
      log.error("Scheduler startup failed; cleaning up", e);
      shutdown();
      throw e;
    }
  }

  private Duration firstRetryDelay() {
    if (consecutiveFailures > 0) {
      return backoff();
    }
    return settings.acquireMode() == AcquireMode.POLL
        ? settings.pollLockRetryInterval()
        : Duration.ZERO;
  }

  /** Runs one acquire attempt, turning backend failures into an empty result and a count. */
  private Optional<LeaderLease> attempt(AcquireCall call) {
    try {
      Optional<LeaderLease> granted = call.acquire();
      consecutiveFailures = 0;
      events.lockAttempted(
          granted.isPresent() ? LockAttemptResult.ACQUIRED : LockAttemptResult.HELD_ELSEWHERE);
      return granted;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (RuntimeException e) {
      consecutiveFailures++;
      events.lockAttempted(LockAttemptResult.ERROR);
      log.warn(
          "Lock attempt {} of instance {} failed: {}",
          consecutiveFailures,
          settings.instanceId(),
          e.toString());
      transitionFromWaiting(SchedulerRole.ACQUIRING);
      return Optional.empty();
    }
  }

  @FunctionalInterface
  private interface AcquireCall {
    Optional<LeaderLease> acquire() throws InterruptedException;
  }

  private Duration backoff() {
    long factor = 1L << Math.min(20, Math.max(0, consecutiveFailures - 1));
    Duration delay = settings.initialBackoff().multipliedBy(factor);
    return delay.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : delay;
  }

  /** Phase 2: starts the background acquisition loop unless it already runs (never two). */
  private void ensureAcquisitionLoop(Duration firstDelay) {
    if (shutdownStarted.get() || !acquisitionActive.compareAndSet(false, true)) {
      return;
    }
    log.info(
        "Instance {} starts background lock acquisition ({} mode)",
        settings.instanceId(),
        settings.acquireMode().wireName());
    scheduleAcquisitionStep(firstDelay);
  }

  private void scheduleAcquisitionStep(Duration delay) {
    try {
      acquisitionTask =
          executors
              .acquisition()
              .schedule(this::acquisitionStep, delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      acquisitionActive.set(false);
    }
  }

  /** A leader released cleanly: a polling follower tries now instead of at its next poll. */
  private void wakeAcquisition() {
    if (shutdownStarted.get() || role.get() != SchedulerRole.FOLLOWER) {
      return;
    }
    Future<?> pending = acquisitionTask;
    // Only a step still waiting for its delay is replaced; a running one decides for itself.
    if (pending != null && pending.cancel(false)) {
      log.info("A leader released cleanly; instance {} tries the lock now", settings.instanceId());
      scheduleAcquisitionStep(Duration.ZERO);
    }
  }

  private void acquisitionStep() {
    acquisitionStep.lock();
    try {
      if (shutdownStarted.get() || role.get() == SchedulerRole.LEADER) {
        acquisitionActive.set(false);
        return;
      }
      Instant now = clock.now();
      Instant cooldown = cooldownUntil;
      if (cooldown != null && now.isBefore(cooldown)) {
        scheduleAcquisitionStep(Duration.between(now, cooldown));
        return;
      }
      Optional<LeaderLease> granted =
          settings.acquireMode() == AcquireMode.WAIT
              ? attempt(() -> leadership.awaitAcquire(settings.lockWaitSlice()))
              : attempt(leadership::tryAcquire);
      if (Thread.currentThread().isInterrupted()) {
        granted.ifPresent(this::releaseQuietly);
        acquisitionActive.set(false);
        return;
      }
      if (granted.isPresent()) {
        acquisitionActive.set(false);
        if (!becomeLeader(granted.get())) {
          consecutiveFailures++;
          ensureAcquisitionLoop(backoff());
        }
        return;
      }
      if (consecutiveFailures > 0) {
        scheduleAcquisitionStep(backoff());
        return;
      }
      transitionFromWaiting(SchedulerRole.FOLLOWER);
      scheduleAcquisitionStep(
          settings.acquireMode() == AcquireMode.WAIT
              ? Duration.ZERO
              : settings.pollLockRetryInterval());
    } catch (RuntimeException e) {
      // The loop must outlive any surprise: log it and go on after a backoff.
      consecutiveFailures++;
      log.error("Lock acquisition step of instance {} failed", settings.instanceId(), e);
      scheduleAcquisitionStep(backoff());
    } finally {
      acquisitionStep.unlock();
    }
  }

  /**
   * Takes {@code granted} as this instance's lease and starts the jobs. A partly started leader is
   * cleaned up (jobs stopped, lease released) and false returned.
   */
  private boolean becomeLeader(LeaderLease granted) {
    synchronized (leaseLock) {
      if (shutdownStarted.get()) {
        releaseQuietly(granted);
        return false;
      }
      lease = granted;
      lastLease = granted;
      transition(role.get(), SchedulerRole.LEADER);
    }
    try {
      events.leadershipAcquired(granted.term());
      int abandoned = jobRuns.abandonUnfinishedRunsBefore(granted.term());
      if (abandoned > 0) {
        log.warn("Marked {} unfinished run(s) of earlier terms abandoned", abandoned);
      }
      log.info(
          "Instance {} leads under term {}; jobs start at {}",
          settings.instanceId(),
          granted.term(),
          granted.jobsStartAt());
      jobs.startLeading(
          new JobScheduler.Leadership(
              settings.instanceId().value(),
              granted.term(),
              granted.jobsStartAt(),
              () -> onLeadershipLost(granted, LossReason.FENCED_OUT, "a newer term exists")));
      synchronized (leaseLock) {
        if (lease == granted) {
          long every = settings.heartbeatInterval().toNanos();
          heartbeat =
              executors
                  .timer()
                  .scheduleWithFixedDelay(
                      () -> heartbeat(granted), every, every, TimeUnit.NANOSECONDS);
        }
      }
      return true;
    } catch (RuntimeException e) {
      log.error(
          "Instance {} could not start as leader under term {}; cleaning up",
          settings.instanceId(),
          granted.term(),
          e);
      LeaderLease toRelease;
      synchronized (leaseLock) {
        toRelease = lease == granted ? granted : null;
        if (toRelease != null) {
          lease = null;
          cancelHeartbeat();
        }
      }
      if (toRelease != null) {
        jobs.stopScheduling();
        jobs.interruptInFlight();
        releaseQuietly(toRelease);
        transitionFromLeader(SchedulerRole.ACQUIRING);
      }
      return false;
    }
  }

  private void heartbeat(LeaderLease expected) {
    synchronized (leaseLock) {
      if (lease != expected) {
        return;
      }
    }
    if (!checkInFlight.compareAndSet(false, true)) {
      return; // the previous check has not answered yet; its timeout is armed
    }
    AtomicBoolean settled = new AtomicBoolean();
    ScheduledFuture<?> timeout =
        executors
            .timer()
            .schedule(
                () -> {
                  if (settled.compareAndSet(false, true)) {
                    checkInFlight.set(false);
                    onLeadershipLost(
                        expected,
                        LossReason.HEARTBEAT_TIMEOUT,
                        "lease check did not answer within "
                            + settings.heartbeatTimeout().toMillis()
                            + " ms");
                  }
                },
                settings.heartbeatTimeout().toNanos(),
                TimeUnit.NANOSECONDS);
    try {
      executors.leaseCheck().execute(() -> checkLease(expected, settled, timeout));
    } catch (RejectedExecutionException e) {
      timeout.cancel(false);
      checkInFlight.set(false);
    }
  }

  private void checkLease(LeaderLease expected, AtomicBoolean settled, ScheduledFuture<?> timeout) {
    LeaseLostException lost = null;
    try {
      expected.verifyHeld();
    } catch (LeaseLostException e) {
      lost = e;
    } catch (RuntimeException e) {
      lost = new LeaseLostException(LossReason.CHECK_FAILED, e.toString(), e);
    }
    if (!settled.compareAndSet(false, true)) {
      return; // the timeout already decided
    }
    timeout.cancel(false);
    checkInFlight.set(false);
    if (lost != null) {
      onLeadershipLost(expected, lost.reason(), lost.getMessage());
    }
  }

  /** The lease is gone or in doubt: stop the jobs first, then look for the leadership again. */
  private void onLeadershipLost(LeaderLease lostLease, LossReason reason, String detail) {
    synchronized (leaseLock) {
      if (lease != lostLease) {
        return;
      }
      lease = null;
      cancelHeartbeat();
    }
    jobs.stopScheduling();
    jobs.interruptInFlight();
    events.leadershipLost(lostLease.term(), reason);
    log.warn(
        "Instance {} lost the leadership of term {} ({}: {}); jobs stopped",
        settings.instanceId(),
        lostLease.term(),
        reason.wireName(),
        detail);
    try {
      lostLease.abandon();
    } catch (RuntimeException e) {
      log.warn("Dropping the lost lease of term {} failed", lostLease.term(), e);
    }
    if (transitionFromLeader(SchedulerRole.ACQUIRING)) {
      ensureAcquisitionLoop(Duration.ZERO);
    }
  }

  /**
   * Gives the leadership up cleanly: no new runs, runs in flight drained (interrupted after the
   * drain timeout), lease released; this instance then does not take the leadership back for the
   * step-down cool-down, so that another instance can.
   *
   * @throws NotLeaderException when this instance does not lead
   */
  public void stepDown() throws InterruptedException {
    LeaderLease held;
    synchronized (leaseLock) {
      held = lease;
      if (held == null || role.get() != SchedulerRole.LEADER) {
        throw new NotLeaderException(
            "instance " + settings.instanceId() + " does not lead", knownLeader());
      }
      lease = null;
      cancelHeartbeat();
      cooldownUntil = clock.now().plus(settings.stepDownCooldown());
    }
    log.info(
        "Instance {} steps down from term {}; it will not lead again before {}",
        settings.instanceId(),
        held.term(),
        cooldownUntil);
    stopJobsAndRelease(held);
    if (transitionFromLeader(SchedulerRole.FOLLOWER)) {
      ensureAcquisitionLoop(Duration.ZERO);
    }
  }

  /** The leader as stored, for telling callers where to go; null when unknown or unreadable. */
  public String knownLeader() {
    try {
      return leadership.currentHolder().orElse(null);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * Stops the scheduler: phase 1 cancels the background acquisition; phase 2 drains and releases as
   * leader, or logs a follower shutdown; phase 3 force-stops whatever still runs. Idempotent; a
   * concurrent caller waits for the first one to finish.
   */
  public void shutdown() {
    if (!shutdownStarted.compareAndSet(false, true)) {
      awaitShutdownDone();
      return;
    }
    try {
      SchedulerRole before = role.get();
      log.info(
          "Scheduler shutdown of instance {} begins (role {}, term {})",
          settings.instanceId(),
          before,
          lastTerm().map(String::valueOf).orElse("none"));
      transition(before, SchedulerRole.STOPPING);
      stopAcquisition();

      LeaderLease held;
      synchronized (leaseLock) {
        held = lease;
        lease = null;
        cancelHeartbeat();
      }
      if (held != null) {
        log.info("Leader shutdown: stopping jobs of term {}", held.term());
        stopJobsAndRelease(held);
      } else {
        log.info("Follower shutdown: instance {} holds no leadership", settings.instanceId());
      }

      if (jobs.hasRunsInFlight() || jobs.isScheduling()) {
        log.warn("Forced shutdown: runs still in flight are interrupted");
        jobs.stopScheduling();
        jobs.interruptInFlight();
      }
      if (!executors.shutdownNow(EXECUTOR_STOP_TIMEOUT)) {
        log.warn("Some scheduler threads did not stop within {}", EXECUTOR_STOP_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.warn("Scheduler shutdown interrupted; stopping what is left at once");
      jobs.interruptInFlight();
    } finally {
      SchedulerRole last = role.getAndSet(SchedulerRole.STOPPED);
      log.info(
          "Scheduler role {} -> STOPPED (instance {}, term {}): scheduler stopped",
          last,
          settings.instanceId(),
          lastTerm().map(String::valueOf).orElse("none"));
      shutdownDone.countDown();
    }
  }

  private void awaitShutdownDone() {
    boolean interrupted = false;
    while (true) {
      try {
        shutdownDone.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void stopAcquisition() throws InterruptedException {
    Future<?> task = acquisitionTask;
    if (task != null && !task.isDone()) {
      task.cancel(true);
      log.info("Cancelled the background lock acquisition");
    }
    // Wait for a step in progress: it may have just been granted a lease it must give back.
    if (acquisitionStep.tryLock(ACQUISITION_STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      acquisitionStep.unlock();
    } else {
      log.warn("The lock acquisition did not stop within {}", ACQUISITION_STOP_TIMEOUT);
    }
    acquisitionActive.set(false);
  }

  private void stopJobsAndRelease(LeaderLease held) throws InterruptedException {
    try {
      jobs.stopScheduling();
      if (!jobs.awaitIdle(settings.drainTimeout())) {
        log.warn(
            "Runs still in flight after the drain timeout of {}; interrupting them",
            settings.drainTimeout());
        jobs.interruptInFlight();
        if (!jobs.awaitIdle(INTERRUPTED_RUNS_TIMEOUT)) {
          log.warn("Interrupted runs did not end within {}", INTERRUPTED_RUNS_TIMEOUT);
        }
      }
    } finally {
      try {
        held.release();
        log.info("Released the leadership of term {} cleanly", held.term());
      } catch (RuntimeException e) {
        log.warn(
            "Releasing the leadership of term {} failed; the database drops the lock with the"
                + " session",
            held.term(),
            e);
      }
    }
  }

  private void releaseQuietly(LeaderLease granted) {
    try {
      granted.release();
    } catch (RuntimeException e) {
      log.warn("Releasing an unused lease of term {} failed", granted.term(), e);
    }
  }

  // guarded by leaseLock
  private void cancelHeartbeat() {
    if (heartbeat != null) {
      heartbeat.cancel(false);
      heartbeat = null;
    }
    checkInFlight.set(false);
  }

  /** Moves to {@code to} only from ACQUIRING or FOLLOWER (never out of LEADER or STOPPING). */
  private void transitionFromWaiting(SchedulerRole to) {
    SchedulerRole from = role.get();
    if (from == SchedulerRole.ACQUIRING || from == SchedulerRole.FOLLOWER) {
      transition(from, to);
    }
  }

  private boolean transitionFromLeader(SchedulerRole to) {
    return transition(SchedulerRole.LEADER, to);
  }

  /** Compare-and-set of the role with one log line per change. */
  private boolean transition(SchedulerRole from, SchedulerRole to) {
    if (!role.compareAndSet(from, to)) {
      return false;
    }
    if (from != to) {
      log.info(
          "Scheduler role {} -> {} (instance {}, term {})",
          from,
          to,
          settings.instanceId(),
          lastTerm().map(String::valueOf).orElse("none"));
    }
    return true;
  }
}
