package dev.baton.adapters.llm;

import java.time.Duration;
import java.util.Objects;

/**
 * Baton's one retry policy for provider calls.
 *
 * @param maxAttempts attempts per call, the first included
 * @param initialBackoff the wait before the first retry when the provider names none; it doubles
 *     with each retry up to {@code maxBackoff}, and a random part of up to half of it is taken off
 * @param maxRetryAfter the longest {@code retry-after} honoured within a call; a provider asking
 *     for more is asked again next cycle instead
 */
public record RetrySettings(
    int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {

  public static final RetrySettings DEFAULT =
      new RetrySettings(4, Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofSeconds(60));

  public RetrySettings {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("at least one attempt is needed: " + maxAttempts);
    }
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "backoff must satisfy 0 <= initial <= max: " + initialBackoff + ", " + maxBackoff);
    }
  }
}
