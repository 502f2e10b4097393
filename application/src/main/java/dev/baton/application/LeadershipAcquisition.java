package dev.baton.application;

import dev.baton.domain.LockAttemptResult;
import dev.baton.domain.port.ClockPort;
import dev.baton.domain.port.LeaderLease;
import dev.baton.domain.port.LeadershipPort;
import dev.baton.domain.port.SchedulerEventsPort;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks for the leadership until it is granted: one attempt at once (phase 1, on the caller's
 * thread), then one background loop (phase 2, never two) that waits on the lock a slice at a time
 * ({@code wait} mode) or tries it every poll interval ({@code poll} mode). Failed attempts back off
 * exponentially up to a cap and never end the loop. It changes no state itself: it reports what
 * happened to a {@link Listener}.
 */
final class LeadershipAcquisition {
  private static final Logger log = LoggerFactory.getLogger(LeadershipAcquisition.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  /** What the acquisition reports. Called on the attempting thread. */
  interface Listener {

    /**
     * The lock was granted with {@code lease}, which the listener now owns: it leads with it or
     * gives it back.
     *
     * @return true when it leads (the loop ends); false when it could not (the loop backs off and
     *     goes on)
     */
    boolean granted(LeaderLease lease);

    /** Another instance holds the lock. */
    void heldElsewhere();

    /** The attempt failed: the database cannot be asked. */
    void unreachable(RuntimeException cause);
  }

  @FunctionalInterface
  private interface Attempt {
    Optional<LeaderLease> acquire() throws InterruptedException;
  }

  private final SchedulerSettings settings;
  private final LeadershipPort leadership;
  private final SchedulerEventsPort events;
  private final ClockPort clock;
  private final ScheduledExecutorService executor;
  private final Listener listener;

  private final AtomicInteger consecutiveFailures = new AtomicInteger();
  private final AtomicBoolean looping = new AtomicBoolean();
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final ReentrantLock step = new ReentrantLock();
  private volatile Future<?> pending;
  private volatile Instant holdOffUntil = Instant.MIN;

  LeadershipAcquisition(
      SchedulerSettings settings,
      LeadershipPort leadership,
      SchedulerEventsPort events,
      ClockPort clock,
      ScheduledExecutorService executor,
      Listener listener) {
    this.settings = settings;
    this.leadership = leadership;
    this.events = events;
    this.clock = clock;
    this.executor = executor;
    this.listener = listener;
  }

  /** False while the last lock attempts failed: the database cannot be asked. */
  boolean isDatabaseReachable() {
    return consecutiveFailures.get() == 0;
  }

  /** Phase 1, an attempt now on this thread; phase 2, the loop, unless the attempt led. */
  void begin() {
    if (attemptAndReport(leadership::tryAcquire)) {
      return;
    }
    Duration firstDelay;
    if (consecutiveFailures.get() > 0) {
      firstDelay = backoff();
    } else {
      firstDelay =
          settings.acquireMode() == AcquireMode.POLL
              ? settings.pollLockRetryInterval()
              : Duration.ZERO;
    }
    startLoop(firstDelay);
  }

  /** Starts the background loop after {@code firstDelay} unless it runs already or was stopped. */
  void startLoop(Duration firstDelay) {
    if (stopped.get() || !looping.compareAndSet(false, true)) {
      return;
    }
    log.info(
        "Instance {} starts background lock acquisition ({} mode)",
        settings.instanceId(),
        settings.acquireMode().wireName());
    scheduleStep(firstDelay);
  }

  /** After a step-down: no attempt before {@code until}, so that another instance can lead. */
  void holdOffUntil(Instant until) {
    holdOffUntil = until;
  }

  /** A leader released cleanly: a polling follower tries now instead of at its next poll. */
  void wake() {
    Future<?> waiting = pending;
    // Only a step still waiting for its delay is replaced; a running one decides for itself.
    if (looping.get() && !stopped.get() && waiting != null && waiting.cancel(false)) {
      log.info("A leader released cleanly; instance {} tries the lock now", settings.instanceId());
      scheduleStep(Duration.ZERO);
    }
  }

  /**
   * Ends the loop for good: cancels a waiting step, interrupts a running one and waits for it (it
   * may have just been granted a lease it must hand over or give back).
   */
  void stop() throws InterruptedException {
    stopped.set(true);
    Future<?> task = pending;
    if (task != null && !task.isDone()) {
      task.cancel(true);
      log.info("Cancelled the background lock acquisition");
    }
    if (step.tryLock(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      step.unlock();
    } else {
      log.warn("The lock acquisition did not stop within {}", STOP_TIMEOUT);
    }
    looping.set(false);
  }

  private void scheduleStep(Duration delay) {
    try {
      pending = executor.schedule(this::step, delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      looping.set(false);
    }
  }

  private void step() {
    step.lock();
    try {
      // This step is the loop now; it goes on only by claiming the loop again.
      looping.set(false);
      if (stopped.get()) {
        return;
      }
      Instant now = clock.now();
      if (now.isBefore(holdOffUntil)) {
        continueAfter(Duration.between(now, holdOffUntil));
        return;
      }
      boolean leads =
          attemptAndReport(
              settings.acquireMode() == AcquireMode.WAIT
                  ? () -> leadership.awaitAcquire(settings.lockWaitSlice())
                  : leadership::tryAcquire);
      if (leads) {
        return; // the listener starts the loop again when the leadership ends
      }
      if (Thread.interrupted() && !stopped.get()) {
        // Only stop() interrupts a step; any other interrupt must not make the loop spin.
        log.warn(
            "Lock acquisition of instance {} was interrupted; going on", settings.instanceId());
        continueAfter(settings.maxBackoff());
        return;
      }
      if (consecutiveFailures.get() > 0) {
        continueAfter(backoff());
      } else {
        continueAfter(
            settings.acquireMode() == AcquireMode.WAIT
                ? Duration.ZERO
                : settings.pollLockRetryInterval());
      }
    } catch (RuntimeException e) {
      // The loop must outlive any surprise: log it and go on after a backoff.
      consecutiveFailures.incrementAndGet();
      log.error("Lock acquisition step of instance {} failed", settings.instanceId(), e);
      continueAfter(backoff());
    } finally {
      step.unlock();
    }
  }

  private void continueAfter(Duration delay) {
    if (!stopped.get() && looping.compareAndSet(false, true)) {
      scheduleStep(delay);
    }
  }

  /**
   * One attempt, reported to the listener.
   *
   * @return true when the listener leads with the granted lease
   */
  private boolean attemptAndReport(Attempt attempt) {
    Optional<LeaderLease> granted;
    try {
      granted = attempt.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (RuntimeException e) {
      int failures = consecutiveFailures.incrementAndGet();
      events.lockAttempted(LockAttemptResult.ERROR);
      log.warn(
          "Lock attempt {} of instance {} failed: {}",
          failures,
          settings.instanceId(),
          e.getMessage());
      listener.unreachable(e);
      return false;
    }
    consecutiveFailures.set(0);
    events.lockAttempted(
        granted.isPresent() ? LockAttemptResult.ACQUIRED : LockAttemptResult.HELD_ELSEWHERE);
    if (granted.isEmpty()) {
      listener.heldElsewhere();
      return false;
    }
    if (Thread.currentThread().isInterrupted() || stopped.get()) {
      // Stopped while the lock was being granted: the lease goes back at once.
      releaseQuietly(granted.get());
      return false;
    }
    if (listener.granted(granted.get())) {
      return true;
    }
    consecutiveFailures.incrementAndGet();
    return false;
  }

  private void releaseQuietly(LeaderLease lease) {
    try {
      lease.release();
    } catch (RuntimeException e) {
      log.warn("Releasing an unused lease of term {} failed", lease.term(), e);
    }
  }

  private Duration backoff() {
    long factor = 1L << Math.min(20, Math.max(0, consecutiveFailures.get() - 1));
    Duration delay = settings.initialBackoff().multipliedBy(factor);
    return delay.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : delay;
  }
}
