package dev.baton.application;

import dev.baton.application.schedule.CronSchedule;
import dev.baton.application.schedule.IntervalSchedule;
import dev.baton.application.schedule.JobSchedule;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A job: its name, when it runs, and what it does.
 *
 * @param maxJitter the most a run may be delayed at random; only interval jobs take jitter, capped
 *     at 10 % of the interval (a cron job runs on its slots)
 * @param timeout how long a run may take before its thread is interrupted and the run recorded
 *     {@code failed}; empty for no limit
 */
public record JobDefinition(
    String name,
    JobSchedule schedule,
    Duration maxJitter,
    Optional<Duration> timeout,
    JobTask task) {

  public JobDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(maxJitter, "maxJitter");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(task, "task");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a job name must not be blank");
    }
    if (maxJitter.isNegative()) {
      throw new IllegalArgumentException("jitter of " + name + " must not be negative");
    }
    if (timeout.isPresent() && (timeout.get().isNegative() || timeout.get().isZero())) {
      throw new IllegalArgumentException("timeout of " + name + " must be positive");
    }
    if (schedule instanceof IntervalSchedule interval) {
      Duration tenPercent = interval.interval().dividedBy(10);
      if (maxJitter.compareTo(tenPercent) > 0) {
        maxJitter = tenPercent;
      }
    } else if (schedule instanceof CronSchedule) {
      maxJitter = Duration.ZERO;
    }
  }

  /** A job every {@code interval}, with up to {@code maxJitter} of jitter and no timeout. */
  public JobDefinition(String name, Duration interval, Duration maxJitter, JobTask task) {
    this(name, JobSchedule.every(interval), maxJitter, Optional.empty(), task);
  }
}
