package dev.baton.application;

import dev.baton.domain.SchedulerInstance;
import dev.baton.domain.port.ClockPort;
import dev.baton.domain.port.InstanceRegistryPort;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this instance's row in {@code baton_instance} fresh: registered at start, its role and
 * heartbeat refreshed every {@link #REFRESH_INTERVAL}, rows of instances gone for longer than
 * {@link #PRUNE_AFTER} deleted. A failed refresh is logged and tried again next time.
 *
 * <p>A refresh waits as long as the database does, so its executor must not be the lifecycle's
 * timer: a refresh stuck on an unreachable database would hold back the leader's heartbeat.
 */
public final class InstanceRegistration {
  private static final Logger log = LoggerFactory.getLogger(InstanceRegistration.class);
  public static final Duration REFRESH_INTERVAL = Duration.ofSeconds(3);

  /** An instance whose heartbeat is older than this is shown {@code gone}. */
  public static final Duration GONE_AFTER = REFRESH_INTERVAL.multipliedBy(4);

  public static final Duration PRUNE_AFTER = Duration.ofMinutes(10);

  /** What this process says about itself. */
  public record Description(String instanceId, String host, long pid, String version) {}

  private final Description self;
  private final InstanceRegistryPort registry;
  private final SchedulerLifecycle lifecycle;
  private final ClockPort clock;
  private final ScheduledExecutorService refresher;
  private volatile ScheduledFuture<?> refreshing;
  private volatile Instant startedAt;
  private volatile boolean registered;

  public InstanceRegistration(
      Description self,
      InstanceRegistryPort registry,
      SchedulerLifecycle lifecycle,
      ClockPort clock,
      ScheduledExecutorService refresher) {
    this.self = self;
    this.registry = registry;
    this.lifecycle = lifecycle;
    this.clock = clock;
    this.refresher = refresher;
  }

  /** Registers now and refreshes from then on. */
  public void start() {
    startedAt = clock.now();
    refresh();
    long every = REFRESH_INTERVAL.toMillis();
    refreshing =
        refresher.scheduleWithFixedDelay(this::refresh, every, every, TimeUnit.MILLISECONDS);
  }

  /** Stops refreshing and records the final role, so the view shows it stopped at once. */
  public void stop() {
    ScheduledFuture<?> task = refreshing;
    if (task != null) {
      task.cancel(false);
    }
    if (startedAt != null) {
      refresh();
    }
  }

  void refresh() {
    Instant now = clock.now();
    try {
      if (!registered) {
        registry.register(
            new SchedulerInstance(
                self.instanceId(),
                self.host(),
                self.pid(),
                self.version(),
                lifecycle.role(),
                startedAt,
                now));
        registered = true;
      } else {
        registry.heartbeat(self.instanceId(), lifecycle.role(), now);
      }
      int pruned = registry.pruneNotSeenSince(now.minus(PRUNE_AFTER));
      if (pruned > 0) {
        log.info("Pruned {} instance(s) not seen for {}", pruned, PRUNE_AFTER);
      }
    } catch (RuntimeException e) {
      registered = false; // the row may be gone with the database: register again next time
      log.warn("Instance heartbeat of {} failed: {}", self.instanceId(), e.toString());
    }
  }
}
