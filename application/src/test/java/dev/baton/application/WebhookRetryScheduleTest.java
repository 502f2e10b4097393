package dev.baton.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookRetryScheduleTest {
  private static final Instant EVENT = Instant.parse("2026-11-28T12:00:00Z");

  private static Duration delay(
      WebhookRetrySchedule schedule, int attempts, Optional<String> retryAfter) {
    Instant now = EVENT.plusSeconds(60);
    return Duration.between(
        now, schedule.nextAttempt(attempts, EVENT, now, retryAfter).orElseThrow());
  }

  @Test
  void theDelaysGrowThenStayAtTwoHours() {
    WebhookRetrySchedule middle = new WebhookRetrySchedule(max -> max.dividedBy(2));
    assertThat(
            java.util.stream.IntStream.rangeClosed(1, 8)
                .mapToObj(n -> delay(middle, n, Optional.empty()))
                .toList())
        .containsExactly(
            Duration.ofSeconds(5),
            Duration.ofSeconds(30),
            Duration.ofMinutes(2),
            Duration.ofMinutes(10),
            Duration.ofMinutes(30),
            Duration.ofHours(1),
            Duration.ofHours(2),
            Duration.ofHours(2));
  }

  @Test
  void jitterStaysWithinTenPercentEitherWay() {
    assertThat(delay(new WebhookRetrySchedule(max -> Duration.ZERO), 2, Optional.empty()))
        .isEqualTo(Duration.ofSeconds(27));
    assertThat(delay(new WebhookRetrySchedule(max -> max), 2, Optional.empty()))
        .isEqualTo(Duration.ofSeconds(33));
  }

  @Test
  void retryAfterInSecondsOrAsADateWins() {
    WebhookRetrySchedule schedule = new WebhookRetrySchedule(max -> max);
    assertThat(delay(schedule, 1, Optional.of("90"))).isEqualTo(Duration.ofSeconds(90));
    // EVENT + 60 s is 12:01:00; the date says 12:11:00.
    assertThat(delay(schedule, 1, Optional.of("Sat, 28 Nov 2026 12:11:00 GMT")))
        .isEqualTo(Duration.ofMinutes(10));
    assertThat(delay(schedule, 1, Optional.of("0"))).isEqualTo(Duration.ofSeconds(1));
    assertThat(delay(schedule, 1, Optional.of("soon"))).isEqualTo(Duration.ofMillis(5500));
  }

  @Test
  void theLastAttemptIsAtTheEndOfTheDayAndThenItFails() {
    WebhookRetrySchedule schedule = new WebhookRetrySchedule(max -> max);
    Instant late = EVENT.plus(Duration.ofHours(23));
    assertThat(schedule.nextAttempt(12, EVENT, late, Optional.empty()))
        .contains(EVENT.plus(Duration.ofHours(24)));
    assertThat(schedule.nextAttempt(13, EVENT, EVENT.plus(Duration.ofHours(24)), Optional.empty()))
        .isEmpty();
  }
}
