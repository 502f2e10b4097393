package dev.baton.application;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * When a webhook that was not delivered is tried again: 5 s, 30 s, 2 min, 10 min, 30 min and 1 h
 * after the 1st to 6th attempts, then every 2 h, each ±10 % so that many receivers that failed
 * together do not all come back together. A receiver's {@code Retry-After} wins. Within {@link
 * #GIVE_UP_AFTER} of the event the last attempt is made at that bound; after it the delivery fails.
 */
public final class WebhookRetrySchedule {
  /** How long after its event a delivery is still tried. */
  public static final Duration GIVE_UP_AFTER = Duration.ofHours(24);

  static final List<Duration> DELAYS =
      List.of(
          Duration.ofSeconds(5),
          Duration.ofSeconds(30),
          Duration.ofMinutes(2),
          Duration.ofMinutes(10),
          Duration.ofMinutes(30),
          Duration.ofHours(1));

  static final Duration THEN_EVERY = Duration.ofHours(2);

  /** The least wait, whatever a {@code Retry-After} says, so that no receiver is hammered. */
  static final Duration MIN_DELAY = Duration.ofSeconds(1);

  private final Jitter jitter;

  public WebhookRetrySchedule(Jitter jitter) {
    this.jitter = jitter;
  }

  /**
   * When to try again after the {@code attempts}-th attempt failed at {@code now}, or empty when
   * the delivery should fail now.
   *
   * @param createdAt when the event happened: the give-up window starts there
   * @param retryAfter the answer's {@code Retry-After}, seconds or an HTTP date, if any
   */
  public Optional<Instant> nextAttempt(
      int attempts, Instant createdAt, Instant now, Optional<String> retryAfter) {
    Instant giveUpAt = createdAt.plus(GIVE_UP_AFTER);
    if (!now.isBefore(giveUpAt)) {
      return Optional.empty();
    }
    Duration delay = retryAfter.flatMap(value -> parseRetryAfter(value, now)).orElse(null);
    if (delay == null) {
      Duration base =
          attempts <= DELAYS.size() ? DELAYS.get(Math.max(attempts, 1) - 1) : THEN_EVERY;
      delay = base.minus(base.dividedBy(10)).plus(jitter.upTo(base.dividedBy(5)));
    }
    if (delay.compareTo(MIN_DELAY) < 0) {
      delay = MIN_DELAY;
    }
    Instant next = now.plus(delay);
    return Optional.of(next.isAfter(giveUpAt) ? giveUpAt : next);
  }

  /** {@code Retry-After} as a wait from {@code now}: whole seconds, or an HTTP date. */
  static Optional<Duration> parseRetryAfter(String value, Instant now) {
    String text = value.trim();
    if (text.matches("[0-9]{1,9}")) {
      return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
    }
    try {
      Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
