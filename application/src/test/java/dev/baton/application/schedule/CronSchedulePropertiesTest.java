package dev.baton.application.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of cron schedules over generated expressions, zones with unusual daylight saving and
 * instants near their changes, checked against a brute-force reading of the rule minute by minute.
 */
class CronSchedulePropertiesTest {
  /** How far the brute force looks ahead; a slot beyond it only has to be beyond it. */
  private static final Duration WINDOW = Duration.ofDays(3);

  private static final List<ZoneId> ZONES =
      List.of(
              "Europe/Berlin",
              "America/New_York",
              "UTC",
              "Australia/Lord_Howe", // half-hour changes
              "Asia/Kathmandu", // +05:45
              "America/Santiago", // changes at midnight
              "America/Havana", // changes at midnight
              "Pacific/Apia") // skipped 30 December 2011
          .stream()
          .map(ZoneId::of)
          .toList();

  @Property(tries = 600)
  void theNextSlotIsTheFirstSlotOfTheBruteForceReadingAndStrictlyLater(
      @ForAll("cases") Case sample) {
    CronSchedule schedule = sample.schedule();

    Instant next = schedule.nextSlotAfter(sample.instant());
    Optional<Instant> expected = bruteForceNextSlot(schedule, sample.instant());

    assertThat(next).isAfter(sample.instant());
    if (expected.isPresent()) {
      assertThat(next).isEqualTo(expected.get());
    } else {
      assertThat(next).isAfter(sample.instant().plus(WINDOW));
    }
  }

  @Property(tries = 300)
  void noSlotIsSkippedBetweenTwoConsecutiveSlots(@ForAll("cases") Case sample) {
    CronSchedule schedule = sample.schedule();
    Instant first = schedule.nextSlotAfter(sample.instant());

    Instant second = schedule.nextSlotAfter(first);
    Optional<Instant> expected = bruteForceNextSlot(schedule, first);

    assertThat(second).isAfter(first);
    assertThat(expected.orElse(second)).isEqualTo(second);
  }

  @Property(tries = 600)
  void aSlotMatchesInLocalTimeUnlessItStandsForTimesSkippedByAGap(@ForAll("cases") Case sample) {
    CronSchedule schedule = sample.schedule();

    Instant next = schedule.nextSlotAfter(sample.instant());
    LocalDateTime local = LocalDateTime.ofInstant(next, schedule.zone());

    if (!schedule.expression().matches(local)) {
      ZoneOffsetTransition change =
          schedule.zone().getRules().previousTransition(next.plusNanos(1));
      assertThat(schedule.followsElapsedTime()).isFalse();
      assertThat(change.isGap()).isTrue();
      assertThat(change.getInstant()).isEqualTo(next);
    }
    assertThat(local.getSecond()).isZero();
  }

  @Property(tries = 400)
  void theDueSlotIsTheNextAfterTheLastOrTheLatestNotAfterNow(
      @ForAll("cases") Case sample, @ForAll("downtimes") Duration downtime) {
    CronSchedule schedule = sample.schedule();
    Instant last = schedule.nextSlotAfter(sample.instant());
    Instant now = last.plus(downtime);

    DueSlot due = schedule.due(Optional.of(last), now);

    Instant first = schedule.nextSlotAfter(last);
    if (first.isAfter(now)) {
      assertThat(due).isEqualTo(new DueSlot(first, first));
    } else {
      assertThat(due.slot()).isAfterOrEqualTo(first).isBeforeOrEqualTo(now);
      assertThat(schedule.nextSlotAfter(due.slot())).isAfter(now);
      assertThat(due.runAt()).isEqualTo(now);
    }
  }

  @Property(tries = 300)
  void aJobNeverRunWaitsForTheFirstSlotAtOrAfterNow(@ForAll("cases") Case sample) {
    CronSchedule schedule = sample.schedule();

    DueSlot due = schedule.due(Optional.empty(), sample.instant());

    assertThat(due.overdue()).isFalse();
    assertThat(due.slot()).isAfterOrEqualTo(sample.instant());
    assertThat(schedule.nextSlotAfter(sample.instant().minusNanos(1))).isEqualTo(due.slot());
  }

  @Property(tries = 300)
  void anIntervalSlotIsOnTheGridOfTheLastSlotWithNoneMissedAfterIt(
      @ForAll("intervals") Duration interval,
      @ForAll("downtimes") Duration downtime,
      @ForAll("instants") Instant last) {
    Instant now = last.plus(downtime);

    DueSlot due = JobSchedule.every(interval).due(Optional.of(last), now);

    assertThat(due.slot()).isAfter(last);
    assertThat(Duration.between(last, due.slot()).toNanos() % interval.toNanos()).isZero();
    if (last.plus(interval).isAfter(now)) {
      assertThat(due).isEqualTo(new DueSlot(last.plus(interval), last.plus(interval)));
    } else {
      assertThat(due.slot()).isBeforeOrEqualTo(now);
      assertThat(due.slot().plus(interval)).isAfter(now);
      assertThat(due.runAt()).isEqualTo(now);
    }
  }

  @Property(tries = 1000)
  void everyGeneratedExpressionMatchesWhatItsFieldsSay(
      @ForAll("expressions") GeneratedCron generated, @ForAll("localTimes") LocalDateTime time) {
    CronExpression parsed = CronExpression.parse(generated.text());

    assertThat(parsed.matches(time)).as(generated.text()).isEqualTo(generated.matches(time));
  }

  /**
   * The rule of {@link CronSchedule}, read the long way: every whole minute is looked at. Following
   * elapsed time, a minute is a slot when its local time matches. Following the wall clock, a
   * minute is a slot when a matching local time is reached for the first time at it: above every
   * local time seen before (so not in a repeated pass) and at most its own (so the times a gap
   * skipped count at the first minute after it).
   */
  private static Optional<Instant> bruteForceNextSlot(CronSchedule schedule, Instant after) {
    CronExpression cron = schedule.expression();
    ZoneId zone = schedule.zone();
    Instant minute = after.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(26));
    LocalDateTime highest = LocalDateTime.ofInstant(minute.minusSeconds(60), zone);
    Instant end = after.plus(WINDOW);
    for (; !minute.isAfter(end); minute = minute.plusSeconds(60)) {
      LocalDateTime local = LocalDateTime.ofInstant(minute, zone);
      boolean slot;
      if (schedule.followsElapsedTime()) {
        slot = cron.matches(local);
      } else {
        slot = false;
        for (LocalDateTime t = highest.plusMinutes(1); !t.isAfter(local); t = t.plusMinutes(1)) {
          slot |= cron.matches(t);
        }
      }
      if (local.isAfter(highest)) {
        highest = local;
      }
      if (slot && minute.isAfter(after)) {
        return Optional.of(minute);
      }
    }
    return Optional.empty();
  }

  record Case(GeneratedCron cron, ZoneId zone, Instant instant) {
    CronSchedule schedule() {
      return new CronSchedule(CronExpression.parse(cron.text()), zone);
    }
  }

  @Provide
  Arbitrary<Case> cases() {
    Arbitrary<ZoneId> zones = Arbitraries.of(ZONES);
    return Combinators.combine(
            expressions(),
            zones,
            Arbitraries.integers().between(1995, 2035),
            Arbitraries.integers().between(0, 364),
            Arbitraries.longs().between(-3 * 3600_000L, 3 * 3600_000L),
            Arbitraries.of(true, false))
        .as(
            (cron, zone, year, day, millis, nearChange) -> {
              Instant base =
                  LocalDate.of(year, 1, 1).plusDays(day).atStartOfDay().toInstant(ZoneOffset.UTC);
              ZoneOffsetTransition change = zone.getRules().nextTransition(base);
              Instant around = nearChange && change != null ? change.getInstant() : base;
              return new Case(cron, zone, around.plusMillis(millis));
            });
  }

  @Provide
  Arbitrary<Duration> downtimes() {
    return Arbitraries.oneOf(
        Arbitraries.longs().between(0, 7_200).map(Duration::ofSeconds),
        Arbitraries.longs().between(0, 90).map(Duration::ofDays));
  }

  @Provide
  Arbitrary<Duration> intervals() {
    return Arbitraries.longs().between(1, 86_400_000L).map(Duration::ofMillis);
  }

  @Provide
  Arbitrary<Instant> instants() {
    return Arbitraries.longs()
        .between(
            Instant.parse("1995-01-01T00:00:00Z").toEpochMilli(),
            Instant.parse("2035-01-01T00:00:00Z").toEpochMilli())
        .map(Instant::ofEpochMilli);
  }

  @Provide
  Arbitrary<LocalDateTime> localTimes() {
    return Arbitraries.longs()
        .between(0, 40L * 366 * 24 * 60)
        .map(minutes -> LocalDateTime.of(2000, 1, 1, 0, 0).plusMinutes(minutes));
  }

  /** A cron expression written from random field elements, with the values it must match. */
  record GeneratedCron(String text, List<Set<Integer>> values, boolean dayStar) {
    boolean matches(LocalDateTime time) {
      boolean dayOfMonth = values.get(2).contains(time.getDayOfMonth());
      boolean dayOfWeek = values.get(4).contains(time.getDayOfWeek().getValue() % 7);
      return values.get(0).contains(time.getMinute())
          && values.get(1).contains(time.getHour())
          && values.get(3).contains(time.getMonthValue())
          && (dayStar ? dayOfMonth && dayOfWeek : dayOfMonth || dayOfWeek);
    }
  }

  /** One field's text and values. */
  record Field(String text, Set<Integer> values) {}

  @Provide
  Arbitrary<GeneratedCron> expressions() {
    return Combinators.combine(
            field(0, 59, 0), field(0, 23, 3), field(1, 31, 6), field(1, 12, 8), field(0, 7, 5))
        .as(
            (minute, hour, dom, month, dow) -> {
              String text =
                  String.join(
                      " ", minute.text(), hour.text(), dom.text(), month.text(), dow.text());
              Set<Integer> weekdays = new TreeSet<>();
              dow.values().forEach(day -> weekdays.add(day % 7));
              return new GeneratedCron(
                  text,
                  List.of(minute.values(), hour.values(), dom.values(), month.values(), weekdays),
                  dom.text().startsWith("*") || dow.text().startsWith("*"));
            })
        .filter(CronSchedulePropertiesTest::parses);
  }

  private static boolean parses(GeneratedCron generated) {
    try {
      CronExpression.parse(generated.text());
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * A field of one to three elements, or a plain {@code *} with weight {@code starWeight} (out of
   * ten more), so that days and months stay open often enough for slots to come within days.
   */
  private static Arbitrary<Field> field(int min, int max, int starWeight) {
    Arbitrary<Field> list =
        element(min, max)
            .list()
            .ofMinSize(1)
            .ofMaxSize(3)
            .map(
                elements -> {
                  Set<Integer> values = new TreeSet<>();
                  List<String> texts = new ArrayList<>();
                  for (Field element : elements) {
                    texts.add(element.text());
                    values.addAll(element.values());
                  }
                  return new Field(String.join(",", texts), values);
                });
    Arbitrary<Field> star = Arbitraries.just(new Field("*", range(min, max, 1)));
    return starWeight == 0
        ? list
        : Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(starWeight, star), net.jqwik.api.Tuple.of(10, list));
  }

  private static Arbitrary<Field> element(int min, int max) {
    Arbitrary<Integer> value = Arbitraries.integers().between(min, max);
    Arbitrary<Integer> step = Arbitraries.integers().between(1, max - min + 2);
    return Arbitraries.oneOf(
        value.map(v -> new Field(name(v, min, max), Set.of(v))),
        step.map(s -> new Field("*/" + s, range(min, max, s))),
        Combinators.combine(value, value, step)
            .as(
                (a, b, s) ->
                    new Field(
                        name(Math.min(a, b), min, max) + "-" + Math.max(a, b) + "/" + s,
                        range(Math.min(a, b), Math.max(a, b), s))),
        Combinators.combine(value, value)
            .as(
                (a, b) ->
                    new Field(
                        Math.min(a, b) + "-" + name(Math.max(a, b), min, max),
                        range(Math.min(a, b), Math.max(a, b), 1))),
        Combinators.combine(value, step).as((a, s) -> new Field(a + "/" + s, range(a, max, s))));
  }

  /** A month or weekday as a name now and then (never 7, which as SUN would start at 0). */
  private static String name(int value, int min, int max) {
    boolean month = min == 1 && max == 12;
    boolean weekday = min == 0 && max == 7 && value < 7;
    if (value % 3 != 0) {
      return Integer.toString(value);
    }
    if (month) {
      return Month.of(value).name().substring(0, 3).toLowerCase(Locale.ROOT);
    }
    if (weekday) {
      String[] days = {"SUN", "Mon", "tue", "WED", "thu", "Fri", "sat"};
      return days[value];
    }
    return Integer.toString(value);
  }

  private static Set<Integer> range(int from, int to, int step) {
    Set<Integer> values = new TreeSet<>();
    for (int value = from; value <= to; value += step) {
      values.add(value);
    }
    return values;
  }
}
