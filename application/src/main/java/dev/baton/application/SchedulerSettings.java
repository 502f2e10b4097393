package dev.baton.application;

import dev.baton.domain.InstanceId;
import java.time.Duration;
import java.util.Objects;

/**
 * The lifecycle's settings.
 *
 * @param initialBackoff the first delay after a failed lock attempt; it doubles up to {@code
 *     maxBackoff}
 */
public record SchedulerSettings(
    InstanceId instanceId,
    AcquireMode acquireMode,
    Duration heartbeatInterval,
    Duration heartbeatTimeout,
    Duration lockWaitSlice,
    Duration pollLockRetryInterval,
    Duration drainTimeout,
    Duration stepDownCooldown,
    Duration initialBackoff,
    Duration maxBackoff) {

  public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofMillis(1000);
  public static final Duration DEFAULT_HEARTBEAT_TIMEOUT = Duration.ofMillis(2000);
  public static final Duration DEFAULT_LOCK_WAIT_SLICE = Duration.ofMillis(5000);
  public static final Duration DEFAULT_POLL_LOCK_RETRY_INTERVAL = Duration.ofSeconds(480);
  public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_STEP_DOWN_COOLDOWN = Duration.ofSeconds(30);
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(50);
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(1);

  public SchedulerSettings {
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(acquireMode, "acquireMode");
    requirePositive("heartbeatInterval", heartbeatInterval);
    requirePositive("heartbeatTimeout", heartbeatTimeout);
    requirePositive("lockWaitSlice", lockWaitSlice);
    requirePositive("pollLockRetryInterval", pollLockRetryInterval);
    requireNotNegative("drainTimeout", drainTimeout);
    requireNotNegative("stepDownCooldown", stepDownCooldown);
    requirePositive("initialBackoff", initialBackoff);
    requirePositive("maxBackoff", maxBackoff);
  }

  /** The defaults of the design, for {@code instanceId}. */
  public static SchedulerSettings defaults(InstanceId instanceId) {
    return new SchedulerSettings(
        instanceId,
        AcquireMode.WAIT,
        DEFAULT_HEARTBEAT_INTERVAL,
        DEFAULT_HEARTBEAT_TIMEOUT,
        DEFAULT_LOCK_WAIT_SLICE,
        DEFAULT_POLL_LOCK_RETRY_INTERVAL,
        DEFAULT_DRAIN_TIMEOUT,
        DEFAULT_STEP_DOWN_COOLDOWN,
        DEFAULT_INITIAL_BACKOFF,
        DEFAULT_MAX_BACKOFF);
  }

  public SchedulerSettings withAcquireMode(AcquireMode mode) {
    return new SchedulerSettings(
        instanceId,
        mode,
        heartbeatInterval,
        heartbeatTimeout,
        lockWaitSlice,
        pollLockRetryInterval,
        drainTimeout,
        stepDownCooldown,
        initialBackoff,
        maxBackoff);
  }

  public SchedulerSettings withDrainTimeout(Duration timeout) {
    return new SchedulerSettings(
        instanceId,
        acquireMode,
        heartbeatInterval,
        heartbeatTimeout,
        lockWaitSlice,
        pollLockRetryInterval,
        timeout,
        stepDownCooldown,
        initialBackoff,
        maxBackoff);
  }

  private static void requirePositive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
  }

  private static void requireNotNegative(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative: " + value);
    }
  }
}
