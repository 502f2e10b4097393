package dev.baton.application.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.testsupport.fakes.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The scheduler's question — which slot next, and when — with the catch-up rule. */
class JobScheduleDueTest {
  private static final ZoneId UTC = ZoneId.of("UTC");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  private static Instant t(String time) {
    return Instant.parse("2026-03-02T" + time + "Z");
  }

  private static Optional<Instant> last(String time) {
    return Optional.of(t(time));
  }

  @Nested
  class Cron {
    private final CronSchedule everyFiveMinutes = JobSchedule.cron("*/5 * * * *", UTC);

    @Test
    void aJobNeverRunBeforeWaitsForItsNextSlot() {
      assertThat(everyFiveMinutes.due(Optional.empty(), t("10:02:00")))
          .isEqualTo(new DueSlot(t("10:05:00"), t("10:05:00")));
    }

    @Test
    void aJobNeverRunBeforeRunsWhenTheQuestionFallsOnASlot() {
      assertThat(everyFiveMinutes.due(Optional.empty(), t("10:05:00")))
          .isEqualTo(new DueSlot(t("10:05:00"), t("10:05:00")));
    }

    @Test
    void theNextSlotAfterTheLastWaitsForItsTime() {
      DueSlot due = everyFiveMinutes.due(last("10:05:00"), t("10:07:30"));

      assertThat(due).isEqualTo(new DueSlot(t("10:10:00"), t("10:10:00")));
      assertThat(due.overdue()).isFalse();
    }

    @Test
    void aSlotThatComesNowIsNotACatchUp() {
      DueSlot due = everyFiveMinutes.due(last("10:05:00"), t("10:10:00"));

      assertThat(due).isEqualTo(new DueSlot(t("10:10:00"), t("10:10:00")));
      assertThat(due.overdue()).isFalse();
    }

    @Test
    void downtimeOverFiveSlotsGivesOneRunForTheLatestSlotAtOnce() {
      // Last run 10:05; down until 10:31, over 10:10, 10:15, 10:20, 10:25 and 10:30.
      DueSlot due = everyFiveMinutes.due(last("10:05:00"), t("10:31:10"));

      assertThat(due).isEqualTo(new DueSlot(t("10:30:00"), t("10:31:10")));
      assertThat(due.overdue()).isTrue();
    }

    @Test
    void afterTheCatchUpTheCadenceGoesOnWithoutABurst() {
      SettableClock clock = new SettableClock(t("10:31:10"));

      List<DueSlot> runs = Slots.run(everyFiveMinutes, clock, last("10:05:00"), t("10:45:00"));

      assertThat(runs)
          .containsExactly(
              new DueSlot(t("10:30:00"), t("10:31:10")),
              new DueSlot(t("10:35:00"), t("10:35:00")),
              new DueSlot(t("10:40:00"), t("10:40:00")),
              new DueSlot(t("10:45:00"), t("10:45:00")));
    }

    @Test
    void aNewLeaderWithTheStoredSlotNeverRunsItAgain() {
      // The old leader ran the 10:05 slot and died at 10:06; the new leader takes over at 10:06:01.
      DueSlot due = everyFiveMinutes.due(last("10:05:00"), t("10:06:01"));

      assertThat(due.slot()).isEqualTo(t("10:10:00"));
      assertThat(due.runAt()).isEqualTo(t("10:10:00"));
    }

    @Test
    void aStoredSlotAheadOfThisClockIsNotRunAgain() {
      // Written by an instance whose clock runs a few seconds ahead.
      assertThat(everyFiveMinutes.due(last("10:10:00"), t("10:09:58")))
          .isEqualTo(new DueSlot(t("10:15:00"), t("10:15:00")));
    }

    @Test
    void aYearOfDowntimeForAnEveryMinuteJobIsOneRun() {
      CronSchedule everyMinute = JobSchedule.cron("* * * * *", UTC);

      DueSlot due =
          everyMinute.due(Optional.of(Instant.parse("2025-03-02T10:00:00Z")), t("10:00:42.500"));

      assertThat(due).isEqualTo(new DueSlot(t("10:00:00"), t("10:00:42.500")));
    }

    @Test
    void theLatestMissedSlotOfASparseScheduleIsFoundYearsBack() {
      CronSchedule leapDay = JobSchedule.cron("0 0 29 2 *", UTC);

      DueSlot due =
          leapDay.due(
              Optional.of(Instant.parse("2024-02-29T00:00:00Z")),
              Instant.parse("2031-06-01T12:00:00Z"));

      assertThat(due.slot()).isEqualTo(Instant.parse("2028-02-29T00:00:00Z"));
      assertThat(due.runAt()).isEqualTo(Instant.parse("2031-06-01T12:00:00Z"));
    }

    @Test
    void aCatchUpInTheRepeatedHourStandsForTheFirstPassAndIsNotRepeated() {
      CronSchedule halfPastOne = JobSchedule.cron("30 1 * * *", NEW_YORK);
      Instant firstPass = Instant.parse("2025-11-02T05:30:00Z"); // 01:30 EDT
      Instant secondPassLater = Instant.parse("2025-11-02T06:45:00Z"); // 01:45 EST
      Optional<Instant> dayBefore = Optional.of(Instant.parse("2025-11-01T05:30:00Z"));

      DueSlot catchUp = halfPastOne.due(dayBefore, secondPassLater);
      DueSlot next = halfPastOne.due(Optional.of(catchUp.slot()), secondPassLater);

      assertThat(catchUp).isEqualTo(new DueSlot(firstPass, secondPassLater));
      assertThat(next.slot()).isEqualTo(Instant.parse("2025-11-03T06:30:00Z")); // 01:30 EST
    }

    @Test
    void aSettableClockThroughTheFallBackNightRunsEveryFiveMinutesOfElapsedTime() {
      CronSchedule schedule = JobSchedule.cron("*/5 * * * *", NEW_YORK);
      Instant midnight = Instant.parse("2025-11-02T04:00:00Z"); // 00:00 EDT
      SettableClock clock = new SettableClock(midnight);

      List<DueSlot> runs =
          Slots.run(schedule, clock, Optional.of(midnight), midnight.plus(Duration.ofHours(4)));

      assertThat(runs).hasSize(48).noneMatch(DueSlot::overdue);
      assertThat(runs.get(47).slot()).isEqualTo(Instant.parse("2025-11-02T08:00:00Z"));
    }
  }

  @Nested
  class Interval {
    private final IntervalSchedule everyFiveMinutes = JobSchedule.every(Duration.ofMinutes(5));

    @Test
    void aJobNeverRunBeforeIsDueAtOnce() {
      assertThat(everyFiveMinutes.due(Optional.empty(), t("10:02:17")))
          .isEqualTo(new DueSlot(t("10:02:17"), t("10:02:17")));
    }

    @Test
    void theNextSlotIsTheLastPlusTheInterval() {
      assertThat(everyFiveMinutes.due(last("10:00:00"), t("10:03:00")))
          .isEqualTo(new DueSlot(t("10:05:00"), t("10:05:00")));
    }

    @Test
    void aLateTimerDoesNotShiftTheCadence() {
      DueSlot due = everyFiveMinutes.due(last("10:00:00"), t("10:05:00.020"));

      assertThat(due).isEqualTo(new DueSlot(t("10:05:00"), t("10:05:00.020")));
    }

    @Test
    void downtimeOverFiveSlotsGivesOneRunForTheLatestSlotThenTheCadence() {
      // Last run 10:00; down until 10:26, over 10:05, 10:10, 10:15, 10:20 and 10:25.
      SettableClock clock = new SettableClock(t("10:26:00"));

      List<DueSlot> runs = Slots.run(everyFiveMinutes, clock, last("10:00:00"), t("10:40:00"));

      assertThat(runs)
          .containsExactly(
              new DueSlot(t("10:25:00"), t("10:26:00")),
              new DueSlot(t("10:30:00"), t("10:30:00")),
              new DueSlot(t("10:35:00"), t("10:35:00")),
              new DueSlot(t("10:40:00"), t("10:40:00")));
    }

    @Test
    void anIntervalIgnoresDaylightSaving() {
      IntervalSchedule hourly = JobSchedule.every(Duration.ofHours(1));
      Instant beforeFallBack = Instant.parse("2025-11-02T05:00:00Z"); // 01:00 EDT

      assertThat(hourly.due(Optional.of(beforeFallBack), beforeFallBack).slot())
          .isEqualTo(Instant.parse("2025-11-02T06:00:00Z"));
    }

    @Test
    void anIntervalMustBePositive() {
      assertThatThrownBy(() -> JobSchedule.every(Duration.ZERO))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("an interval must be positive, got PT0S");
      assertThatThrownBy(() -> JobSchedule.every(Duration.ofSeconds(-1)))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void aRunNeverStartsBeforeItsSlot() {
    assertThatThrownBy(() -> new DueSlot(t("10:05:00"), t("10:04:59")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("run at 2026-03-02T10:04:59Z is before its slot 2026-03-02T10:05:00Z");
  }

  @Test
  void anInvalidCronExpressionIsRejectedWhenTheScheduleIsMade() {
    assertThatThrownBy(() -> JobSchedule.cron("*/5 * * *", UTC))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("cron expression \"*/5 * * *\" has 4 fields");
  }

  @Test
  void schedulesDescribeThemselves() {
    assertThat(JobSchedule.cron("*/5 * * * *", ZoneId.of("Europe/Berlin")))
        .hasToString("*/5 * * * * in Europe/Berlin");
    assertThat(JobSchedule.every(Duration.ofSeconds(300))).hasToString("every PT5M");
  }
}
