package dev.baton.adapters.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.domain.LlmProvider;
import dev.baton.domain.LlmProviderRejectedException;
import dev.baton.domain.LlmProviderRetryableException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private static final RetrySettings SETTINGS =
      new RetrySettings(8, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(30));

  private final RecordingTicker ticker = new RecordingTicker();
  private final RetryPolicy policy = new RetryPolicy(LlmProvider.OPENAI, SETTINGS, ticker);

  @Test
  void everyAttemptIsReportedWithItsStatusCode() {
    List<String> reported = new java.util.ArrayList<>();
    RetryPolicy observed =
        new RetryPolicy(
            LlmProvider.OPENAI,
            SETTINGS,
            ticker,
            (provider, code) -> reported.add(provider.wireName() + " " + code));
    AtomicInteger attempts = new AtomicInteger();

    String answer =
        observed.call(
            "test",
            () -> {
              if (attempts.incrementAndGet() < 3) {
                throw status(attempts.get() == 1 ? 429 : 503, Map.of());
              }
              return "ok";
            });

    assertThat(answer).isEqualTo("ok");
    assertThat(reported).containsExactly("openai 429", "openai 503", "openai 200");
  }

  @Test
  void backsOffExponentiallyWithJitterUpToTheMaximum() {
    assertThat(
            attemptsUntilGivenUp(() -> status(500, Map.of()), LlmProviderRetryableException.class))
        .isEqualTo(8);
    List<Duration> waits = ticker.waits();
    long[] bases = {100, 200, 400, 800, 1000, 1000, 1000};
    assertThat(waits).hasSize(bases.length);
    for (int retry = 0; retry < bases.length; retry++) {
      assertThat(waits.get(retry))
          .isBetween(Duration.ofMillis(bases[retry] / 2), Duration.ofMillis(bases[retry]));
    }
  }

  @Test
  void waitsWhatTheProviderAsksInsteadOfItsOwnBackoff() {
    AtomicInteger attempts = new AtomicInteger();

    String answer =
        policy.call(
            "test",
            () -> {
              if (attempts.incrementAndGet() == 1) {
                throw status(429, Map.of("retry-after", List.of("2")));
              }
              return "ok";
            });

    assertThat(answer).isEqualTo("ok");
    assertThat(ticker.waits()).containsExactly(Duration.ofSeconds(2));
  }

  @Test
  void doesNotRetryWhatIsNotWorthRetrying() {
    assertThat(
            attemptsUntilGivenUp(() -> status(404, Map.of()), LlmProviderRejectedException.class))
        .isEqualTo(1);
    assertThat(ticker.waits()).isEmpty();
  }

  @Test
  void anInterruptedWaitEndsTheCallWithTheLastFailureAndKeepsTheInterrupt() {
    RetryPolicy interrupted =
        new RetryPolicy(
            LlmProvider.OPENAI,
            SETTINGS,
            new Ticker() {
              @Override
              public long nanoTime() {
                return 0;
              }

              @Override
              public void sleep(Duration duration) throws InterruptedException {
                throw new InterruptedException();
              }
            });

    try {
      assertThatThrownBy(
              () ->
                  interrupted.call(
                      "test",
                      () -> {
                        throw status(503, Map.of());
                      }))
          .isInstanceOfSatisfying(
              LlmProviderRetryableException.class, e -> assertThat(e.httpStatus()).isEqualTo(503));
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  /**
   * How many times {@link #policy} tries a call that always fails so, until it throws {@code
   * thrown}.
   */
  private int attemptsUntilGivenUp(
      Supplier<AttemptFailure> failure, Class<? extends Exception> thrown) {
    AtomicInteger attempts = new AtomicInteger();
    assertThatThrownBy(
            () ->
                policy.call(
                    "test",
                    () -> {
                      attempts.incrementAndGet();
                      throw failure.get();
                    }))
        .isInstanceOf(thrown);
    return attempts.get();
  }

  private static AttemptFailure status(int status, Map<String, List<String>> headers) {
    return HttpFailures.fromStatus(
        LlmProvider.OPENAI,
        status,
        name -> headers.getOrDefault(name, List.of()),
        "simulated",
        false);
  }
}
