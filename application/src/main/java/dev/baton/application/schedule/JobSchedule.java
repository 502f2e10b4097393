package dev.baton.application.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * When a job runs: every fixed {@link IntervalSchedule interval}, or on the slots of a {@link
 * CronSchedule cron expression in a time zone}.
 *
 * <p>A schedule is a pure function of the times handed to it; it reads no clock. The scheduler asks
 * one question, {@link #due}: given the slot of the job's last run (stored as {@code last_slot_at})
 * and the current time, which slot comes next and when does it start. After the run starts, the
 * scheduler stores {@link DueSlot#slot()} as the new last slot and asks again.
 *
 * <p>The rules every schedule keeps:
 *
 * <ul>
 *   <li>A slot that has not come yet starts at its own time.
 *   <li>When slots were missed (downtime, a failover, a run that overran), exactly one run starts
 *       at once and stands for the latest missed slot; the earlier missed slots are skipped, never
 *       run in a burst.
 *   <li>A job never run before: an interval job is due at once, a cron job waits for its next slot.
 *   <li>A slot at or before the last slot is never due again, so a new leader that reads the stored
 *       last slot never runs a slot twice.
 * </ul>
 */
public sealed interface JobSchedule permits IntervalSchedule, CronSchedule {

  /** A schedule that runs every {@code interval} (positive). */
  static IntervalSchedule every(Duration interval) {
    return new IntervalSchedule(interval);
  }

  /**
   * A schedule on the slots of a five-field cron expression or macro in {@code zone}.
   *
   * @throws IllegalArgumentException when the expression is invalid; the message is one line that
   *     names the field and what it accepts
   */
  static CronSchedule cron(String expression, ZoneId zone) {
    return new CronSchedule(CronExpression.parse(expression), zone);
  }

  /**
   * The next slot to run and when to start it.
   *
   * @param lastSlot the slot of the job's last run, empty when it never ran; any instant will do,
   *     also one stored while the job had another schedule
   * @param now the current time, from the scheduler's {@code ClockPort}
   * @return a slot after {@code lastSlot}; it starts at its own time when that is still to come,
   *     otherwise at {@code now} (a catch-up run standing for the latest slot not after {@code
   *     now})
   */
  DueSlot due(Optional<Instant> lastSlot, Instant now);
}
