package dev.baton.application.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs on the slots of a {@link CronExpression} read in the wall-clock time of {@code zone}.
 *
 * <h2>Daylight saving</h2>
 *
 * Which instants are slots depends on the hour field, so that each kind of job does what a person
 * reading it expects:
 *
 * <ul>
 *   <li><b>Hour field allows every hour</b> ({@code *}, as in {@code *}{@code /5 * * * *}, {@code 0
 *       * * * *} and {@code @hourly}): the job follows elapsed time. Its slots are the instants
 *       whose local time matches. In a spring-forward gap no instant has a local time, so nothing
 *       runs there and the cadence goes on after it ({@code *}{@code /5} keeps five minutes between
 *       runs, {@code @hourly} one hour). In the repeated fall-back hour both passes are real time,
 *       so the job runs in each ({@code *}{@code /5} every five minutes through both, {@code
 *       @hourly} at 01:00 before and 01:00 after the change).
 *   <li><b>Hour field fixed</b> (anything else, as in {@code 30 2 * * *} or {@code 0 9-17 * * 1-5}):
 *       the job follows the wall clock, and each matching local date-time runs exactly once. A
 *       local time that occurs twice runs at its first occurrence only. A local time skipped by a
 *       spring-forward gap runs once at the first instant after the gap (the change itself: {@code
 *       30 2 * * *} runs at 03:00 in Berlin on the last Sunday of March); several skipped times, and
 *       a slot right at the end of the gap, make one run together.
 * </ul>
 *
 * This is the rule of Vixie cron's daylight-saving handling, with one difference: Vixie also counts
 * a job with {@code *} in the minute field (as {@code * 3 * * *}) as following elapsed time; here
 * only the hour field decides.
 *
 * @param expression the cron expression
 * @param zone the time zone its fields are read in
 */
public record CronSchedule(CronExpression expression, ZoneId zone) implements JobSchedule {

  public CronSchedule {
    Objects.requireNonNull(expression, "expression");
    Objects.requireNonNull(zone, "zone");
  }

  /**
   * {@inheritDoc}
   *
   * <p>A cron job that never ran waits for its first slot at or after {@code now}. After missed
   * slots the catch-up run stands for the latest slot at or before {@code now}.
   */
  @Override
  public DueSlot due(Optional<Instant> lastSlot, Instant now) {
    Objects.requireNonNull(now, "now");
    if (lastSlot.isEmpty()) {
      Instant first = nextSlotAfter(now.minusNanos(1));
      return new DueSlot(first, first);
    }
    Instant next = nextSlotAfter(lastSlot.get());
    if (!next.isBefore(now)) {
      return new DueSlot(next, next);
    }
    return DueSlot.of(latestSlotBetween(next, now), now);
  }

  /**
   * The first slot strictly after {@code instant}, by the daylight-saving rule above.
   *
   * @throws IllegalStateException never for a parsed expression, which always has a next slot
   */
  public Instant nextSlotAfter(Instant instant) {
    Objects.requireNonNull(instant, "instant");
    return expression.everyHour() ? nextElapsedSlot(instant) : nextWallClockSlot(instant);
  }

  /** Whether slots follow elapsed time (the hour field allows every hour) rather than the clock. */
  public boolean followsElapsedTime() {
    return expression.everyHour();
  }

  @Override
  public String toString() {
    return expression + " in " + zone;
  }

  /**
   * Every instant whose local time matches, taken one stretch of constant offset at a time: a
   * candidate that falls beyond the stretch's end is not a local time of that offset, so the search
   * goes on from the next transition with the new offset.
   */
  private Instant nextElapsedSlot(Instant after) {
    ZoneRules rules = zone.getRules();
    ZoneOffset offset = rules.getOffset(after);
    ZoneOffsetTransition end = rules.nextTransition(after);
    Instant from = after;
    while (true) {
      LocalDateTime local =
          LocalDateTime.ofEpochSecond(from.getEpochSecond(), from.getNano(), offset);
      Instant candidate = expression.nextMatchAfter(local).toInstant(offset);
      if (end == null || candidate.isBefore(end.getInstant())) {
        return candidate;
      }
      from = end.getInstant().minusNanos(1);
      offset = end.getOffsetAfter();
      end = rules.nextTransition(end.getInstant());
    }
  }

  /**
   * Each matching local date-time once, at the first instant whose local time reaches it. That
   * mapping never goes backwards, and every local time up to the one of {@code after} maps to
   * {@code after} or before, so the search starts there; it steps over matches that map back into
   * the past only in the second pass of a repeated hour.
   */
  private Instant nextWallClockSlot(Instant after) {
    ZoneRules rules = zone.getRules();
    LocalDateTime candidate = expression.nextMatchAfter(LocalDateTime.ofInstant(after, zone));
    while (true) {
      Instant at = firstInstantReaching(rules, candidate);
      if (at.isAfter(after)) {
        return at;
      }
      candidate = expression.nextMatchAfter(candidate);
    }
  }

  private static Instant firstInstantReaching(ZoneRules rules, LocalDateTime local) {
    ZoneOffsetTransition transition = rules.getTransition(local);
    if (transition == null) {
      return local.toInstant(rules.getOffset(local));
    }
    if (transition.isGap()) {
      return transition.getInstant();
    }
    return local.toInstant(transition.getOffsetBefore());
  }

  /**
   * The latest slot at or before {@code now}, given {@code earliest}, a slot at or before it. Looks
   * back from {@code now} in doubling steps until a slot shows up, then walks forward, so a long
   * downtime costs a few steps rather than one per missed slot.
   */
  private Instant latestSlotBetween(Instant earliest, Instant now) {
    Instant slot = earliest;
    for (Duration back = Duration.ofMinutes(1); ; back = back.multipliedBy(2)) {
      Instant from = now.minus(back);
      if (!from.isAfter(earliest)) {
        break;
      }
      Instant found = nextSlotAfter(from);
      if (!found.isAfter(now)) {
        slot = found;
        break;
      }
    }
    for (Instant next = nextSlotAfter(slot); !next.isAfter(now); next = nextSlotAfter(next)) {
      slot = next;
    }
    return slot;
  }
}
