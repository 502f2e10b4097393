package dev.baton.adapters.llm;

import dev.baton.domain.LlmProvider;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repeats a provider call on the caller's thread: exponential backoff with jitter, or the
 * provider's own {@code retry-after} when it names one.
 */
final class RetryPolicy {
  private static final Logger log = LoggerFactory.getLogger(RetryPolicy.class);

  private final LlmProvider provider;
  private final RetrySettings settings;
  private final Ticker ticker;
  private final ProviderRequestObserver observer;

  RetryPolicy(LlmProvider provider, RetrySettings settings, Ticker ticker) {
    this(provider, settings, ticker, ProviderRequestObserver.NONE);
  }

  RetryPolicy(
      LlmProvider provider,
      RetrySettings settings,
      Ticker ticker,
      ProviderRequestObserver observer) {
    this.provider = provider;
    this.settings = settings;
    this.ticker = ticker;
    this.observer = observer;
  }

  /**
   * Runs {@code attempt} until it returns or no attempt is left.
   *
   * @throws dev.baton.domain.LlmProviderException the last attempt's failure
   */
  <T> T call(String operation, Supplier<T> attempt) {
    for (int attemptNumber = 1; ; attemptNumber++) {
      try {
        T answer = attempt.get();
        observer.requestAnswered(provider, "200");
        return answer;
      } catch (AttemptFailure failure) {
        int status = failure.outcome().httpStatus();
        observer.requestAnswered(provider, status > 0 ? String.valueOf(status) : "io_error");
        Optional<Duration> wait = waitBeforeRetry(failure, attemptNumber);
        if (wait.isEmpty()) {
          throw failure.outcome();
        }
        log.info(
            "{} {} failed ({}); attempt {} of {} in {} ms",
            provider.wireName(),
            operation,
            failure.getMessage(),
            attemptNumber + 1,
            settings.maxAttempts(),
            wait.get().toMillis());
        try {
          ticker.sleep(wait.get());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw failure.outcome();
        }
      }
    }
  }

  Optional<Duration> waitBeforeRetry(AttemptFailure failure, int attemptNumber) {
    if (!failure.worthRetrying() || attemptNumber >= settings.maxAttempts()) {
      return Optional.empty();
    }
    Optional<Duration> retryAfter = failure.retryAfter();
    if (retryAfter.isPresent()) {
      return retryAfter.get().compareTo(settings.maxRetryAfter()) > 0
          ? Optional.empty()
          : retryAfter;
    }
    return Optional.of(backoff(attemptNumber));
  }

  private Duration backoff(int attemptNumber) {
    long cap = settings.maxBackoff().toMillis();
    long doubled = settings.initialBackoff().toMillis() << Math.min(attemptNumber - 1, 20);
    long base = Math.min(cap, doubled);
    // A random half keeps many polls that failed together from retrying together.
    long half = base / 2;
    return Duration.ofMillis(base - ThreadLocalRandom.current().nextLong(half + 1));
  }
}
