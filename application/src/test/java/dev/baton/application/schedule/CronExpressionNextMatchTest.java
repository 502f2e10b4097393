package dev.baton.application.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Next matches in wall-clock time, from published examples and the calendar's edges. */
class CronExpressionNextMatchTest {

  private static List<LocalDateTime> matchesAfter(String expression, String start, int count) {
    CronExpression cron = CronExpression.parse(expression);
    List<LocalDateTime> matches = new ArrayList<>();
    LocalDateTime at = LocalDateTime.parse(start);
    for (int i = 0; i < count; i++) {
      at = cron.nextMatchAfter(at);
      matches.add(at);
    }
    return matches;
  }

  private static List<LocalDateTime> times(String... times) {
    return java.util.Arrays.stream(times).map(LocalDateTime::parse).toList();
  }

  /**
   * The examples of crontab(5) in Debian's cron package 3.0pl1 (Vixie cron): the "EXAMPLE CRON
   * FILE" section, and the note on the two day fields in "DESCRIPTION". Friday 10 May 2024 starts.
   */
  @Nested
  class CrontabManPageExamples {

    @Test
    void fiveMinutesAfterMidnightEveryDay() {
      assertThat(matchesAfter("5 0 * * *", "2024-05-10T12:00", 3))
          .isEqualTo(times("2024-05-11T00:05", "2024-05-12T00:05", "2024-05-13T00:05"));
    }

    @Test
    void twoFifteenPmOnTheFirstOfEveryMonth() {
      assertThat(matchesAfter("15 14 1 * *", "2024-05-10T12:00", 3))
          .isEqualTo(times("2024-06-01T14:15", "2024-07-01T14:15", "2024-08-01T14:15"));
    }

    @Test
    void tenPmOnWeekdays() {
      assertThat(matchesAfter("0 22 * * 1-5", "2024-05-10T23:00", 3))
          .isEqualTo(times("2024-05-13T22:00", "2024-05-14T22:00", "2024-05-15T22:00"));
    }

    @Test
    void twentyThreeMinutesAfterMidnightTwoAmFourAmEveryDay() {
      assertThat(matchesAfter("23 0-23/2 * * *", "2024-05-10T21:00", 4))
          .isEqualTo(
              times(
                  "2024-05-10T22:23", "2024-05-11T00:23", "2024-05-11T02:23", "2024-05-11T04:23"));
    }

    @Test
    void fiveAfterFourEverySunday() {
      assertThat(matchesAfter("5 4 * * sun", "2024-05-10T12:00", 2))
          .isEqualTo(times("2024-05-12T04:05", "2024-05-19T04:05"));
    }

    @Test
    void fourThirtyOnTheFirstAndFifteenthPlusEveryFriday() {
      assertThat(matchesAfter("30 4 1,15 * 5", "2024-05-01T05:00", 6))
          .isEqualTo(
              times(
                  "2024-05-03T04:30", // Friday
                  "2024-05-10T04:30", // Friday
                  "2024-05-15T04:30", // the 15th, a Wednesday
                  "2024-05-17T04:30",
                  "2024-05-24T04:30",
                  "2024-05-31T04:30"));
    }
  }

  /** Schedules as crontab.guru's examples page lists them ("every 5 minutes", "every quarter"). */
  @Nested
  class CommonSchedules {

    @Test
    void everyMinute() {
      assertThat(matchesAfter("* * * * *", "2024-12-31T23:58:30", 3))
          .isEqualTo(times("2024-12-31T23:59", "2025-01-01T00:00", "2025-01-01T00:01"));
    }

    @Test
    void everyFiveMinutes() {
      assertThat(matchesAfter("*/5 * * * *", "2024-05-10T12:03", 3))
          .isEqualTo(times("2024-05-10T12:05", "2024-05-10T12:10", "2024-05-10T12:15"));
    }

    @Test
    void everyQuarter() {
      assertThat(matchesAfter("0 0 1 */3 *", "2024-05-10T12:00", 4))
          .isEqualTo(
              times(
                  "2024-07-01T00:00", "2024-10-01T00:00", "2025-01-01T00:00", "2025-04-01T00:00"));
    }

    @Test
    void everyWeekdayAtNineInTheMorning() {
      assertThat(matchesAfter("0 9 * * MON-FRI", "2024-05-10T09:00", 2))
          .isEqualTo(times("2024-05-13T09:00", "2024-05-14T09:00"));
    }

    @Test
    void everySixHours() {
      assertThat(matchesAfter("0 */6 * * *", "2024-05-10T13:00", 3))
          .isEqualTo(times("2024-05-10T18:00", "2024-05-11T00:00", "2024-05-11T06:00"));
    }

    @Test
    void macros() {
      assertThat(matchesAfter("@hourly", "2024-05-10T13:00", 1))
          .isEqualTo(times("2024-05-10T14:00"));
      assertThat(matchesAfter("@daily", "2024-05-10T13:00", 1))
          .isEqualTo(times("2024-05-11T00:00"));
      assertThat(matchesAfter("@weekly", "2024-05-10T13:00", 1))
          .isEqualTo(times("2024-05-12T00:00"));
      assertThat(matchesAfter("@monthly", "2024-05-10T13:00", 1))
          .isEqualTo(times("2024-06-01T00:00"));
      assertThat(matchesAfter("@yearly", "2024-05-10T13:00", 1))
          .isEqualTo(times("2025-01-01T00:00"));
    }
  }

  /**
   * Vixie cron's day rule, from its source: {@code entry.c} marks a day field as a star when its
   * text starts with {@code *}, and {@code cron.c} then asks for both days, otherwise for either.
   */
  @Nested
  class VixieDayRule {

    @Test
    void bothRestrictedMeansEitherDay() {
      // The 13th or a Friday: Saturday 1 June 2024 starts; Friday the 7th comes first.
      assertThat(matchesAfter("0 0 13 * 5", "2024-06-01T00:00", 4))
          .isEqualTo(
              times(
                  "2024-06-07T00:00", "2024-06-13T00:00", "2024-06-14T00:00", "2024-06-21T00:00"));
    }

    @Test
    void aStarDayOfMonthLeavesOnlyTheWeekday() {
      assertThat(matchesAfter("0 0 * * 5", "2024-06-01T00:00", 2))
          .isEqualTo(times("2024-06-07T00:00", "2024-06-14T00:00"));
    }

    @Test
    void aStarWeekdayLeavesOnlyTheDayOfMonth() {
      assertThat(matchesAfter("0 0 13 * *", "2024-06-01T00:00", 2))
          .isEqualTo(times("2024-06-13T00:00", "2024-07-13T00:00"));
    }

    @Test
    void aStepOnAStarCountsAsAStarSoBothDaysMustMatch() {
      // Odd days of the month that are Mondays — Vixie's reading, not "odd days or Mondays".
      assertThat(matchesAfter("0 0 */2 * MON", "2024-06-01T00:00", 3))
          .isEqualTo(times("2024-06-03T00:00", "2024-06-17T00:00", "2024-07-01T00:00"));
    }

    @Test
    void aFullRangeWithoutAStarIsRestricted() {
      // 1-31 is every day, and "either" with Mondays is still every day.
      assertThat(matchesAfter("0 0 1-31 * MON", "2024-06-01T00:00", 2))
          .isEqualTo(times("2024-06-02T00:00", "2024-06-03T00:00"));
    }
  }

  @Nested
  class CalendarEdges {

    @Test
    void theTwentyNinthOfFebruaryWaitsForALeapYear() {
      assertThat(matchesAfter("0 0 29 2 *", "2023-01-01T00:00", 3))
          .isEqualTo(times("2024-02-29T00:00", "2028-02-29T00:00", "2032-02-29T00:00"));
    }

    @Test
    void theTwentyNinthOfFebruarySkipsTheCenturyThatIsNoLeapYear() {
      assertThat(matchesAfter("0 0 29 2 *", "2097-01-01T00:00", 1))
          .isEqualTo(times("2104-02-29T00:00"));
    }

    @Test
    void theThirtyFirstOnlyInMonthsThatHaveIt() {
      assertThat(matchesAfter("0 0 31 * *", "2024-01-31T00:00", 5))
          .isEqualTo(
              times(
                  "2024-03-31T00:00",
                  "2024-05-31T00:00",
                  "2024-07-31T00:00",
                  "2024-08-31T00:00",
                  "2024-10-31T00:00"));
    }

    @Test
    void theYearRollsOver() {
      assertThat(matchesAfter("59 23 31 12 *", "2024-12-31T23:59", 1))
          .isEqualTo(times("2025-12-31T23:59"));
      assertThat(matchesAfter("0 0 1 1 *", "2024-12-31T23:59:59.999", 1))
          .isEqualTo(times("2025-01-01T00:00"));
      assertThat(matchesAfter("30 * * * *", "2024-12-31T23:45", 1))
          .isEqualTo(times("2025-01-01T00:30"));
    }

    @Test
    void aMonthRangeWrapsIntoTheNextYear() {
      assertThat(matchesAfter("0 0 1 JAN,NOV *", "2024-11-02T00:00", 2))
          .isEqualTo(times("2025-01-01T00:00", "2025-11-01T00:00"));
    }

    @Test
    void theTwentyNinthOfFebruaryOnASundayIsRare() {
      // Both days must match (the weekday field starts with *): Sundays that are 29 February.
      assertThat(matchesAfter("0 0 29 2 */7", "2004-03-01T00:00", 1))
          .isEqualTo(times("2032-02-29T00:00"));
    }

    @Test
    void aMatchIsStrictlyAfterTheGivenMinute() {
      assertThat(matchesAfter("0 12 * * *", "2024-05-10T12:00", 1))
          .isEqualTo(times("2024-05-11T12:00"));
      assertThat(matchesAfter("0 12 * * *", "2024-05-10T11:59:59.999999999", 1))
          .isEqualTo(times("2024-05-10T12:00"));
    }
  }
}
