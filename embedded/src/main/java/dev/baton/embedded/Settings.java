package dev.baton.embedded;

import dev.baton.application.AcquireMode;
import dev.baton.application.SchedulerSettings;
import dev.baton.domain.InstanceId;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The timings of the leadership, for {@link Baton.Builder#settings}. The defaults suit most
 * services; shorter heartbeats notice a lost lock sooner at the price of more queries.
 *
 * <p>Immutable: each method returns a changed copy, checked at once.
 */
public final class Settings {
  private static final InstanceId CHECKED = new InstanceId("settings");

  private final SchedulerSettings scheduler;
  private final Optional<Duration> takeoverGrace;

  private Settings(SchedulerSettings scheduler, Optional<Duration> takeoverGrace) {
    this.scheduler = scheduler;
    this.takeoverGrace = takeoverGrace;
    takeoverGrace.ifPresent(
        grace -> {
          if (grace.isNegative()) {
            throw new IllegalArgumentException("takeoverGrace must not be negative: " + grace);
          }
        });
  }

  /**
   * A heartbeat every second with a 2 s timeout, a takeover grace of interval + timeout + 1 s,
   * followers waiting on the lock in slices of 5 s, a 30 s drain and a 30 s step-down cool-down.
   */
  public static Settings defaults() {
    return new Settings(SchedulerSettings.defaults(CHECKED), Optional.empty());
  }

  /**
   * How often the leader proves it holds the lock, and how long one proof may take before the
   * leadership counts as lost and the jobs are stopped.
   */
  public Settings heartbeat(Duration interval, Duration timeout) {
    return with(
        timings -> {
          timings.heartbeatInterval = interval;
          timings.heartbeatTimeout = timeout;
        });
  }

  /**
   * How long a new leader's jobs wait after an unclean takeover while the previous leader may still
   * be alive: long enough for it to notice the loss (default: heartbeat interval + timeout + 1 s).
   */
  public Settings takeoverGrace(Duration grace) {
    return new Settings(scheduler, Optional.of(Objects.requireNonNull(grace, "grace")));
  }

  /** How long a follower waits on the lock in one statement before it looks around again. */
  public Settings lockWaitSlice(Duration slice) {
    return with(timings -> timings.lockWaitSlice = slice);
  }

  /**
   * Followers try the lock every {@code retryInterval} instead of waiting on it (and at once when a
   * leader releases cleanly): fewer idle sessions, slower takeover after a crash.
   */
  public Settings pollForLock(Duration retryInterval) {
    return with(
        timings -> {
          timings.acquireMode = AcquireMode.POLL;
          timings.pollLockRetryInterval = retryInterval;
        });
  }

  /** How long {@link Baton#close()} and a step-down let runs in flight finish. */
  public Settings drainTimeout(Duration timeout) {
    return with(timings -> timings.drainTimeout = timeout);
  }

  /** How long an instance that stepped down leaves the lock to the others. */
  public Settings stepDownCooldown(Duration cooldown) {
    return with(timings -> timings.stepDownCooldown = cooldown);
  }

  SchedulerSettings scheduler(InstanceId instanceId) {
    return new Timings(scheduler).settings(instanceId);
  }

  /** A copy with {@code change} made to the timings, checked by the scheduler's own rules. */
  private Settings with(Consumer<Timings> change) {
    Timings timings = new Timings(scheduler);
    change.accept(timings);
    return new Settings(timings.settings(CHECKED), takeoverGrace);
  }

  /** The scheduler's timings while one of them is changed. */
  private static final class Timings {
    AcquireMode acquireMode;
    Duration heartbeatInterval;
    Duration heartbeatTimeout;
    Duration lockWaitSlice;
    Duration pollLockRetryInterval;
    Duration drainTimeout;
    Duration stepDownCooldown;
    private final Duration initialBackoff;
    private final Duration maxBackoff;

    Timings(SchedulerSettings settings) {
      acquireMode = settings.acquireMode();
      heartbeatInterval = settings.heartbeatInterval();
      heartbeatTimeout = settings.heartbeatTimeout();
      lockWaitSlice = settings.lockWaitSlice();
      pollLockRetryInterval = settings.pollLockRetryInterval();
      drainTimeout = settings.drainTimeout();
      stepDownCooldown = settings.stepDownCooldown();
      initialBackoff = settings.initialBackoff();
      maxBackoff = settings.maxBackoff();
    }

    SchedulerSettings settings(InstanceId instanceId) {
      return new SchedulerSettings(
          instanceId,
          acquireMode,
          heartbeatInterval,
          heartbeatTimeout,
          lockWaitSlice,
          pollLockRetryInterval,
          drainTimeout,
          stepDownCooldown,
          initialBackoff,
          maxBackoff);
    }
  }

  Duration takeoverGrace() {
    return takeoverGrace.orElse(
        scheduler.heartbeatInterval().plus(scheduler.heartbeatTimeout()).plusSeconds(1));
  }

  @Override
  public String toString() {
    return "Settings[heartbeat "
        + scheduler.heartbeatInterval()
        + "/"
        + scheduler.heartbeatTimeout()
        + ", takeoverGrace "
        + takeoverGrace()
        + ", "
        + scheduler.acquireMode().wireName()
        + ", drain "
        + scheduler.drainTimeout()
        + "]";
  }
}
