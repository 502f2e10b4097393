package dev.baton.application.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Daylight-saving changes in 2025: Berlin springs forward on 30 March (02:00 CET → 03:00 CEST) and
 * falls back on 26 October (03:00 CEST → 02:00 CET, so 02:00–02:59 happens twice); New York springs
 * forward on 9 March (02:00 EST → 03:00 EDT) and falls back on 2 November (02:00 EDT → 01:00 EST,
 * so 01:00–01:59 happens twice).
 */
class CronScheduleDaylightSavingTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  private static CronSchedule cron(String expression, ZoneId zone) {
    return JobSchedule.cron(expression, zone);
  }

  /** A local time with its offset, as a person reads a clock that says which pass it is in. */
  private static Instant at(String localDateTime, String offset) {
    return LocalDateTime.parse(localDateTime).toInstant(java.time.ZoneOffset.of(offset));
  }

  private static List<Instant> slotsOnLocalDays(
      CronSchedule schedule, String firstDay, String lastDay) {
    ZoneId zone = schedule.zone();
    Instant from = LocalDateTime.parse(firstDay + "T00:00").atZone(zone).toInstant();
    Instant until = LocalDateTime.parse(lastDay + "T00:00").plusDays(1).atZone(zone).toInstant();
    return Slots.between(schedule, from.minusNanos(1), until.minusNanos(1));
  }

  private static List<Duration> gaps(List<Instant> slots) {
    return java.util.stream.IntStream.range(1, slots.size())
        .mapToObj(i -> Duration.between(slots.get(i - 1), slots.get(i)))
        .toList();
  }

  /**
   * A job at a fixed local time over the three days around a change runs once a day: in a skipped
   * hour, when the gap ends; in a repeated hour, at its first pass.
   */
  @ParameterizedTest(name = "{0} in {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "30 2 * * * | Europe/Berlin    | 2025-03-29 | 2025-03-29T02:30+01:00 | 2025-03-30T03:00+02:00"
            + " | 2025-03-31T02:30+02:00",
        "30 2 * * * | America/New_York | 2025-03-08 | 2025-03-08T02:30-05:00 | 2025-03-09T03:00-04:00"
            + " | 2025-03-10T02:30-04:00",
        "30 1 * * * | America/New_York | 2025-11-01 | 2025-11-01T01:30-04:00 | 2025-11-02T01:30-04:00"
            + " | 2025-11-03T01:30-05:00",
        "30 2 * * * | Europe/Berlin    | 2025-10-25 | 2025-10-25T02:30+02:00 | 2025-10-26T02:30+02:00"
            + " | 2025-10-27T02:30+01:00"
      })
  void aFixedHourJobRunsOnceADayAcrossTheChange(
      String expression,
      ZoneId zone,
      LocalDate firstDay,
      OffsetDateTime dayBefore,
      OffsetDateTime dayOfChange,
      OffsetDateTime dayAfter) {
    assertThat(
            slotsOnLocalDays(
                cron(expression, zone), firstDay.toString(), firstDay.plusDays(2).toString()))
        .containsExactly(dayBefore.toInstant(), dayOfChange.toInstant(), dayAfter.toInstant());
  }

  /** Hourly runs follow elapsed time: 23 on the short day, 25 on the long one. */
  @ParameterizedTest(name = "{0} on {1}")
  @CsvSource({
    "@hourly,   2025-03-30, 23, 2025-03-30T01:00+01:00, 2025-03-30T03:00+02:00",
    "0 * * * *, 2025-03-30, 23, 2025-03-30T01:00+01:00, 2025-03-30T03:00+02:00",
    "@hourly,   2025-10-26, 25, 2025-10-26T02:00+02:00, 2025-10-26T02:00+01:00",
    "0 * * * *, 2025-10-26, 25, 2025-10-26T02:00+02:00, 2025-10-26T02:00+01:00"
  })
  void hourlyRunsEveryHourOfTheDayInBerlin(
      String expression,
      String day,
      int runs,
      OffsetDateTime aroundTheChange,
      OffsetDateTime afterTheChange) {
    List<Instant> slots = slotsOnLocalDays(cron(expression, BERLIN), day, day);

    assertThat(slots).hasSize(runs);
    assertThat(gaps(slots)).containsOnly(Duration.ofHours(1));
    assertThat(slots).contains(aroundTheChange.toInstant(), afterTheChange.toInstant());
  }

  /** Every five minutes keeps five minutes of elapsed time across a gap and a repeated hour. */
  @ParameterizedTest(name = "from {0} until {1}")
  @CsvSource({
    "2025-03-09T01:00-05:00, 2025-03-09T04:00-04:00, 24, 2025-03-09T01:55-05:00 2025-03-09T03:00-04:00",
    "2025-11-02T00:00-04:00, 2025-11-02T03:00-05:00, 48, 2025-11-02T01:55-04:00 2025-11-02T01:00-05:00"
        + " 2025-11-02T01:55-05:00"
  })
  void everyFiveMinutesFollowsElapsedTimeInNewYork(
      OffsetDateTime from, OffsetDateTime until, int runs, String someSlots) {
    List<Instant> slots =
        Slots.between(cron("*/5 * * * *", NEW_YORK), from.toInstant(), until.toInstant());

    assertThat(slots).hasSize(runs);
    assertThat(gaps(slots)).containsOnly(Duration.ofMinutes(5));
    for (String slot : someSlots.split(" ")) {
      assertThat(slots).contains(OffsetDateTime.parse(slot).toInstant());
    }
  }

  @Nested
  class SpringForward {
    @Test
    void severalSkippedSlotsAndOneAtTheGapsEndMakeOneRun() {
      assertThat(slotsOnLocalDays(cron("0,30 2,3 * * *", BERLIN), "2025-03-30", "2025-03-30"))
          .containsExactly(at("2025-03-30T03:00", "+02:00"), at("2025-03-30T03:30", "+02:00"));
      assertThat(slotsOnLocalDays(cron("*/10 2 * * *", NEW_YORK), "2025-03-09", "2025-03-09"))
          .containsExactly(at("2025-03-09T03:00", "-04:00"));
    }

    @Test
    void anHourlyJobOffTheHourSkipsTheMissingHalfHourAndKeepsItsCadence() {
      assertThat(
              Slots.between(
                  cron("30 * * * *", BERLIN),
                  at("2025-03-30T01:00", "+01:00"),
                  at("2025-03-30T04:00", "+02:00")))
          .containsExactly(at("2025-03-30T01:30", "+01:00"), at("2025-03-30T03:30", "+02:00"));
    }
  }

  @Nested
  class FallBack {
    @Test
    void everyMinuteOfAFixedHourRunsOnlyInTheFirstPass() {
      List<Instant> slots =
          slotsOnLocalDays(cron("*/10 1 * * *", NEW_YORK), "2025-11-02", "2025-11-02");

      assertThat(slots)
          .hasSize(6)
          .allMatch(slot -> !slot.isBefore(at("2025-11-02T01:00", "-04:00")));
      assertThat(slots).last().isEqualTo(at("2025-11-02T01:50", "-04:00"));
    }

    @Test
    void aSlotAskedForInTheSecondPassIsTheNextDaysAfterTheFirstPassRan() {
      CronSchedule schedule = cron("30 1 * * *", NEW_YORK);

      assertThat(schedule.nextSlotAfter(at("2025-11-02T01:10", "-05:00")))
          .isEqualTo(at("2025-11-03T01:30", "-05:00"));
    }
  }

  @Test
  void aZoneWithoutDaylightSavingIsPlainWallClockTime() {
    CronSchedule schedule = cron("0 9 * * MON-FRI", ZoneId.of("Asia/Tokyo"));

    assertThat(schedule.nextSlotAfter(Instant.parse("2025-03-09T00:00:00Z")))
        .isEqualTo(ZonedDateTime.of(2025, 3, 10, 9, 0, 0, 0, schedule.zone()).toInstant());
  }

  @Test
  void theHourFieldIsWhatDecides() {
    assertThat(cron("*/5 * * * *", BERLIN).followsElapsedTime()).isTrue();
    assertThat(cron("30 2 * * *", BERLIN).followsElapsedTime()).isFalse();
  }
}
