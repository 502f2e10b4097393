package dev.baton.adapters.llm;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A provider's request budget as one answer states it: {@code limit} requests, of which {@code
 * remaining} are left, the whole budget back after {@code untilReset} (counted from the answer).
 *
 * @param untilReset null when the answer does not say, or says it in a form that cannot be read
 */
record RateLimit(long limit, long remaining, Duration untilReset) {

  private static final Pattern GO_DURATION_PART =
      Pattern.compile("(\\d+(?:\\.\\d+)?)(h|ms|us|µs|ns|m|s)");

  RateLimit {
    if (limit <= 0 || remaining < 0) {
      throw new IllegalArgumentException("limit " + limit + ", remaining " + remaining);
    }
  }

  /**
   * Anthropic's {@code anthropic-ratelimit-requests-limit}, {@code …-remaining} and {@code
   * …-reset}, the last an RFC 3339 instant, counted from the answer's own {@code date} header so
   * that no clock of ours is compared with the provider's.
   */
  static Optional<RateLimit> anthropic(HttpHeaders headers) {
    Optional<Long> limit = number(headers, "anthropic-ratelimit-requests-limit");
    Optional<Long> remaining = number(headers, "anthropic-ratelimit-requests-remaining");
    if (limit.isEmpty() || remaining.isEmpty() || limit.get() <= 0) {
      return Optional.empty();
    }
    Duration untilReset = null;
    Optional<String> reset = headers.firstValue("anthropic-ratelimit-requests-reset");
    Optional<String> date = headers.firstValue("date");
    if (reset.isPresent() && date.isPresent()) {
      try {
        Instant resetAt = Instant.parse(reset.get().trim());
        Instant answeredAt =
            ZonedDateTime.parse(date.get().trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
                .toInstant();
        Duration between = Duration.between(answeredAt, resetAt);
        untilReset = between.isNegative() ? Duration.ZERO : between;
      } catch (DateTimeParseException e) {
        untilReset = null;
      }
    }
    return Optional.of(
        new RateLimit(limit.get(), Math.min(remaining.get(), limit.get()), untilReset));
  }

  /**
   * OpenAI's {@code x-ratelimit-limit-requests}, {@code x-ratelimit-remaining-requests} and {@code
   * x-ratelimit-reset-requests}, the last a duration such as {@code 1s}, {@code 6m0s} or {@code
   * 20ms}.
   */
  static Optional<RateLimit> openAi(HttpHeaders headers) {
    Optional<Long> limit = number(headers, "x-ratelimit-limit-requests");
    Optional<Long> remaining = number(headers, "x-ratelimit-remaining-requests");
    if (limit.isEmpty() || remaining.isEmpty() || limit.get() <= 0) {
      return Optional.empty();
    }
    Duration untilReset =
        headers
            .firstValue("x-ratelimit-reset-requests")
            .flatMap(RateLimit::goDuration)
            .orElse(null);
    return Optional.of(
        new RateLimit(limit.get(), Math.min(remaining.get(), limit.get()), untilReset));
  }

  /** A duration as Go prints it: {@code 1h2m3.5s}, {@code 6m0s}, {@code 20ms}. */
  static Optional<Duration> goDuration(String text) {
    String value = text.trim();
    if (value.isEmpty()) {
      return Optional.empty();
    }
    Matcher part = GO_DURATION_PART.matcher(value);
    double nanos = 0;
    int end = 0;
    while (part.lookingAt()) {
      double amount = Double.parseDouble(part.group(1));
      nanos +=
          amount
              * switch (part.group(2)) {
                case "h" -> 3_600e9;
                case "m" -> 60e9;
                case "s" -> 1e9;
                case "ms" -> 1e6;
                case "us", "µs" -> 1e3;
                default -> 1;
              };
      end = part.end();
      part.region(end, value.length());
    }
    return end == value.length() ? Optional.of(Duration.ofNanos((long) nanos)) : Optional.empty();
  }

  private static Optional<Long> number(HttpHeaders headers, String name) {
    Optional<String> value = headers.firstValue(name);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      long parsed = Long.parseLong(value.get().trim());
      return parsed >= 0 ? Optional.of(parsed) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
