package dev.baton.application.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs every {@code interval} of elapsed time; time zones and daylight saving play no part.
 *
 * <p>The slots are the last slot plus whole intervals, so the cadence does not drift by the time a
 * run takes to start. A job that never ran is due at once, and its first run anchors the slots.
 * After missed slots the one catch-up run stands for the latest of them and starts at once; the
 * next slot follows on the same grid, so it can come sooner than a full interval after the catch-up
 * run (never a burst: at most one run per interval after it).
 *
 * @param interval the time between two slots, positive
 */
public record IntervalSchedule(Duration interval) implements JobSchedule {

  public IntervalSchedule {
    Objects.requireNonNull(interval, "interval");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("an interval must be positive, got " + interval);
    }
  }

  @Override
  public DueSlot due(Optional<Instant> lastSlot, Instant now) {
    Objects.requireNonNull(now, "now");
    if (lastSlot.isEmpty()) {
      return new DueSlot(now, now);
    }
    Instant last = lastSlot.get();
    Instant next = last.plus(interval);
    if (!next.isBefore(now)) {
      return new DueSlot(next, next);
    }
    long passed = Duration.between(last, now).dividedBy(interval);
    return DueSlot.of(last.plus(interval.multipliedBy(passed)), now);
  }

  @Override
  public String toString() {
    return "every " + interval;
  }
}
