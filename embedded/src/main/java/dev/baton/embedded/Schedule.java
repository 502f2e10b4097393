package dev.baton.embedded;

import dev.baton.application.schedule.JobSchedule;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * When a job runs: every fixed interval, or on the slots of a cron expression in a time zone.
 *
 * <p>A job never run before: an interval job runs at once, a cron job waits for its next slot.
 * After downtime over several slots (no leader, a failover) exactly one catch-up run starts at
 * once, never a burst, and a new leader never runs a slot the old one ran: the last slot is stored.
 */
public final class Schedule {
  private final JobSchedule schedule;

  private Schedule(JobSchedule schedule) {
    this.schedule = schedule;
  }

  /**
   * Every {@code interval} of elapsed time.
   *
   * @throws IllegalArgumentException unless {@code interval} is positive
   */
  public static Schedule every(Duration interval) {
    return new Schedule(JobSchedule.every(Objects.requireNonNull(interval, "interval")));
  }

  /**
   * On the slots of a five-field Unix cron expression ({@code minute hour day-of-month month
   * day-of-week}) or one of {@code @hourly}, {@code @daily}, {@code @weekly}, {@code @monthly}, in
   * {@code zone}. When both day fields are restricted, a day matching either runs (as in Vixie
   * cron). Daylight saving: a slot in a spring-forward gap runs once at the first valid instant; in
   * the fall-back hour a job whose hour field is fixed runs once, while {@code *}{@code /5 * * * *}
   * keeps running every five minutes of elapsed time.
   *
   * @throws IllegalArgumentException when the expression is invalid; the message names the field
   */
  public static Schedule cron(String expression, ZoneId zone) {
    return new Schedule(
        JobSchedule.cron(
            Objects.requireNonNull(expression, "expression"),
            Objects.requireNonNull(zone, "zone")));
  }

  JobSchedule jobSchedule() {
    return schedule;
  }

  @Override
  public String toString() {
    return schedule.toString();
  }
}
