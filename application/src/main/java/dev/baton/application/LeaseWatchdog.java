package dev.baton.application;

import dev.baton.domain.LeaseLostException;
import dev.baton.domain.LossReason;
import dev.baton.domain.port.LeaderLease;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Proves the lease every heartbeat interval and reports it lost when a check fails or does not
 * answer within the heartbeat timeout. The heartbeat and the timeout fire on the timer, whose tasks
 * never block; the check itself runs on an executor of its own, so a hung check cannot stall the
 * timer and is noticed by its timeout.
 */
final class LeaseWatchdog {

  /** What the watchdog reports, once per watched lease at most. */
  @FunctionalInterface
  interface Listener {
    void leaseLost(LeaderLease lease, LossReason reason, String detail);
  }

  private final Duration interval;
  private final Duration timeout;
  private final ScheduledExecutorService timer;
  private final ExecutorService checks;
  private final Listener listener;
  private Watch current; // guarded by this

  LeaseWatchdog(
      Duration interval,
      Duration timeout,
      ScheduledExecutorService timer,
      ExecutorService checks,
      Listener listener) {
    this.interval = interval;
    this.timeout = timeout;
    this.timer = timer;
    this.checks = checks;
    this.listener = listener;
  }

  /** Starts watching {@code lease}, ending the watch of any earlier one. Quick: arms a timer. */
  synchronized void watch(LeaderLease lease) {
    stop();
    Watch watch = new Watch(lease);
    long every = interval.toNanos();
    watch.heartbeat =
        timer.scheduleWithFixedDelay(watch::heartbeat, every, every, TimeUnit.NANOSECONDS);
    current = watch;
  }

  /** Ends the current watch; a check in flight is then ignored. */
  synchronized void stop() {
    if (current != null) {
      current.end();
      current = null;
    }
  }

  private synchronized boolean isCurrent(Watch watch) {
    return current == watch;
  }

  /** The watch of one lease. */
  private final class Watch {
    final LeaderLease lease;
    final AtomicBoolean checkInFlight = new AtomicBoolean();
    volatile boolean ended;
    ScheduledFuture<?> heartbeat; // guarded by the watchdog

    Watch(LeaderLease lease) {
      this.lease = lease;
    }

    void heartbeat() {
      if (ended || !checkInFlight.compareAndSet(false, true)) {
        return; // the previous check has not answered yet; its timeout is armed
      }
      AtomicBoolean settled = new AtomicBoolean();
      ScheduledFuture<?> deadline =
          timer.schedule(
              () -> {
                if (settled.compareAndSet(false, true)) {
                  checkInFlight.set(false);
                  lost(
                      LossReason.HEARTBEAT_TIMEOUT,
                      "lease check did not answer within " + timeout.toMillis() + " ms");
                }
              },
              timeout.toNanos(),
              TimeUnit.NANOSECONDS);
      try {
        checks.execute(() -> check(settled, deadline));
      } catch (RejectedExecutionException e) {
        deadline.cancel(false);
        checkInFlight.set(false);
      }
    }

    private void check(AtomicBoolean settled, ScheduledFuture<?> deadline) {
      LeaseLostException failure = null;
      try {
        lease.verifyHeld();
      } catch (LeaseLostException e) {
        failure = e;
      } catch (RuntimeException e) {
        failure = new LeaseLostException(LossReason.CHECK_FAILED, e.toString(), e);
      }
      if (!settled.compareAndSet(false, true)) {
        return; // the timeout already decided
      }
      deadline.cancel(false);
      checkInFlight.set(false);
      if (failure != null) {
        lost(failure.reason(), failure.getMessage());
      }
    }

    private void lost(LossReason reason, String detail) {
      if (!ended && isCurrent(this)) {
        listener.leaseLost(lease, reason, detail);
      }
    }

    void end() {
      ended = true;
      heartbeat.cancel(false);
    }
  }
}
