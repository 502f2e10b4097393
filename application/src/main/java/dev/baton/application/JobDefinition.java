package dev.baton.application;

import java.time.Duration;
import java.util.Objects;

/**
 * A periodic job.
 *
 * @param maxJitter the most a run may be delayed at random; capped at 10 % of the interval
 */
public record JobDefinition(String name, Duration interval, Duration maxJitter, JobTask task) {

  public JobDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(maxJitter, "maxJitter");
    Objects.requireNonNull(task, "task");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval of " + name + " must be positive");
    }
    if (maxJitter.isNegative()) {
      throw new IllegalArgumentException("jitter of " + name + " must not be negative");
    }
    Duration tenPercent = interval.dividedBy(10);
    if (maxJitter.compareTo(tenPercent) > 0) {
      maxJitter = tenPercent;
    }
  }
}
