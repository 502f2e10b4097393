package dev.baton.adapters.llm;

import dev.baton.domain.LlmProvider;
import dev.baton.domain.LlmProviderRejectedException;
import dev.baton.domain.LlmProviderRetryableException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Which provider failures are worth another attempt, and how long the provider asks to wait. */
final class HttpFailures {
  private HttpFailures() {}

  /**
   * Classifies an HTTP error answer.
   *
   * @param headers the answer's header values by name
   * @param rateLimitWithoutRetryAfterIsFinal Anthropic answers 429 without {@code retry-after} when
   *     a spend cap is reached: waiting seconds does not help
   */
  static AttemptFailure fromStatus(
      LlmProvider provider,
      int status,
      Function<String, List<String>> headers,
      String detail,
      boolean rateLimitWithoutRetryAfterIsFinal) {
    String message = provider.wireName() + " answered HTTP " + status + ": " + detail;
    if (status == 401 || status == 403 || status == 404) {
      return AttemptFailure.notWorthRetrying(
          new LlmProviderRejectedException(provider, status, message));
    }
    LlmProviderRetryableException outcome =
        new LlmProviderRetryableException(provider, status, message, null);
    Optional<Duration> retryAfter = retryAfter(headers);
    if (status == 429 && retryAfter.isEmpty() && rateLimitWithoutRetryAfterIsFinal) {
      return AttemptFailure.notWorthRetrying(outcome);
    }
    if (status == 408 || status == 409 || status == 429 || status >= 500) {
      return AttemptFailure.worthRetrying(outcome, retryAfter);
    }
    return AttemptFailure.notWorthRetrying(outcome);
  }

  /**
   * No usable answer: refused or broken connection, timeout.
   *
   * @param whatBroke in plain words, with the host (see {@link NetworkFailures})
   */
  static AttemptFailure fromIo(LlmProvider provider, String what, String whatBroke) {
    return AttemptFailure.worthRetrying(
        new LlmProviderRetryableException(
            provider, 0, provider.wireName() + " " + what + ": " + whatBroke, null),
        Optional.empty());
  }

  /**
   * {@code retry-after-ms}, else {@code retry-after} in seconds, else {@code retry-after} as an
   * HTTP date, counted from the answer's own {@code date} header (as RFC 9110 has it), so that no
   * clock of ours is compared with the provider's; a date without a {@code date} header is ignored.
   */
  static Optional<Duration> retryAfter(Function<String, List<String>> headers) {
    Optional<Double> millis = firstNumber(headers.apply("retry-after-ms"));
    if (millis.isPresent()) {
      return Optional.of(Duration.ofNanos((long) (millis.get() * 1_000_000)));
    }
    Optional<Double> seconds = firstNumber(headers.apply("retry-after"));
    if (seconds.isPresent()) {
      return Optional.of(Duration.ofNanos((long) (seconds.get() * 1_000_000_000)));
    }
    Optional<ZonedDateTime> retryAt = firstDate(headers.apply("retry-after"));
    Optional<ZonedDateTime> answeredAt = firstDate(headers.apply("date"));
    if (retryAt.isEmpty() || answeredAt.isEmpty()) {
      return Optional.empty();
    }
    Duration wait = Duration.between(answeredAt.get(), retryAt.get());
    return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
  }

  private static Optional<ZonedDateTime> firstDate(List<String> values) {
    if (values == null || values.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          ZonedDateTime.parse(values.get(0).trim(), DateTimeFormatter.RFC_1123_DATE_TIME));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Optional<Double> firstNumber(List<String> values) {
    if (values == null || values.isEmpty()) {
      return Optional.empty();
    }
    try {
      double value = Double.parseDouble(values.get(0).trim());
      return value >= 0 && Double.isFinite(value) ? Optional.of(value) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
