package dev.baton.adapters.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The pacing rules at exact times: every figure below is in milliseconds from the start. */
class RequestBudgetTest {
  private final RequestBudget budget = new RequestBudget();

  @Test
  void aProviderThatStatesNoLimitIsNotPaced() {
    RequestBudget.Ticket first = budget.take(ms(0));
    budget.answered(first, null, ms(5));

    assertThat(delayAt(6)).isZero();
    budget.take(ms(6));
    assertThat(delayAt(6)).isZero();
  }

  @Test
  void untilTheFirstAnswerOneRequestAtATime() {
    RequestBudget.Ticket first = budget.take(ms(0));

    assertThat(delayAt(1)).isPositive();

    budget.answered(first, new RateLimit(6000, 5999, Duration.ofMillis(10)), ms(50));
    assertThat(delayAt(50)).isZero();
  }

  @Test
  void aFailedFirstRequestAlsoEndsTheWaitForAnAnswer() {
    RequestBudget.Ticket first = budget.take(ms(0));
    budget.failed(first);

    assertThat(delayAt(1)).isZero();
  }

  @Test
  void neverFasterThanTheLimitAMinute() {
    RequestBudget.Ticket first = budget.take(ms(0));
    budget.answered(first, new RateLimit(60, 59, Duration.ofSeconds(1)), ms(20));

    // 60 a minute: one a second, even with most of the budget left
    assertThat(delayAt(20)).isEqualTo(ms(980));
    assertThat(delayAt(1000)).isZero();
  }

  @Test
  void theRemainingRequestsAreSpreadUntilTheReset() {
    RequestBudget.Ticket first = budget.take(ms(0));
    // a large limit, but only 10 requests left for the next 10 s: one a second
    budget.answered(first, new RateLimit(60_000, 10, Duration.ofSeconds(10)), ms(0));

    assertThat(delayAt(0)).isEqualTo(ms(1000));
    budget.take(ms(1000));
    // the one just sent leaves 9 for the 9 s to the reset: still one a second
    assertThat(delayAt(1000)).isEqualTo(ms(1000));
    budget.take(ms(1500));
    // sent early (the budget allows it only if asked): 8 left over the 8.5 s to the reset
    assertThat(delayAt(1500)).isEqualTo(Duration.ofMillis(8500).toNanos() / 8);
  }

  @Test
  void requestsSentAfterTheAnsweredOneCountAgainstWhatItStated() {
    RequestBudget.Ticket first = budget.take(ms(0));
    budget.take(ms(0));
    budget.take(ms(0));
    // the first one's answer says 2 left; the two sent since will take them
    budget.answered(first, new RateLimit(60_000, 2, Duration.ofSeconds(30)), ms(10));

    assertThat(delayAt(10)).isEqualTo(ms(30_010 - 10));
  }

  @Test
  void nothingLeftMeansWaitingForTheReset() {
    RequestBudget.Ticket first = budget.take(ms(0));
    budget.answered(first, new RateLimit(600, 0, Duration.ofSeconds(5)), ms(100));

    assertThat(delayAt(100)).isEqualTo(ms(5000));
    // once the reset has passed, the limit a minute alone paces
    assertThat(delayAt(5100)).isZero();
  }

  @Test
  void anOlderAnswerDoesNotOverrideANewerOne() {
    RequestBudget.Ticket first = budget.take(ms(0));
    budget.answered(first, new RateLimit(60_000, 100, Duration.ofSeconds(1)), ms(1));
    RequestBudget.Ticket second = budget.take(ms(1));
    RequestBudget.Ticket third = budget.take(ms(2));
    budget.answered(third, new RateLimit(60_000, 0, Duration.ofSeconds(20)), ms(3));
    budget.answered(second, new RateLimit(60_000, 98, Duration.ofSeconds(1)), ms(4));

    assertThat(delayAt(4)).isEqualTo(ms(20_003 - 4));
  }

  @Test
  void aRetryAfterPausesEveryRequestOfTheProvider() {
    RequestBudget.Ticket first = budget.take(ms(0));
    budget.answered(first, null, ms(1));
    budget.pause(Duration.ofSeconds(7), ms(1));

    assertThat(delayAt(1)).isEqualTo(ms(7000));
    assertThat(delayAt(7001)).isZero();
  }

  @Test
  void aWaitLongerThanAllowedIsRefusedWithoutSending() throws Exception {
    RecordingTicker ticker = new RecordingTicker();
    RequestBudget.Ticket first = budget.acquire(ticker, Duration.ofSeconds(60));
    budget.answered(first, null, ticker.nanoTime());
    budget.pause(Duration.ofMinutes(5), ticker.nanoTime());

    assertThatThrownBy(() -> budget.acquire(ticker, Duration.ofSeconds(60)))
        .isInstanceOfSatisfying(
            RequestBudget.BudgetExhausted.class,
            e -> assertThat(e.retryIn()).isGreaterThan(Duration.ofMinutes(4)));
    assertThat(ticker.waits()).isEmpty();
  }

  @Test
  void acquiringWaitsOnTheTickerUntilTheRequestMayGo() throws Exception {
    RecordingTicker ticker = new RecordingTicker();
    RequestBudget.Ticket first = budget.acquire(ticker, Duration.ofSeconds(60));
    budget.answered(first, new RateLimit(60, 59, Duration.ofSeconds(1)), ticker.nanoTime());

    budget.acquire(ticker, Duration.ofSeconds(60));

    // one a second, waited in slices so that an answer arriving meanwhile is seen
    assertThat(ticker.waits().stream().mapToLong(Duration::toMillis).sum()).isBetween(900L, 1000L);
  }

  private long delayAt(long millis) {
    return budget.delay(ms(millis));
  }

  private static long ms(long millis) {
    return Duration.ofMillis(millis).toNanos();
  }
}
