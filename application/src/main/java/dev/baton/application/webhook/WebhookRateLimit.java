package dev.baton.application.webhook;

import dev.baton.domain.port.ClockPort;
import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket: {@code perSecond} webhooks a second on average, bursts of up to {@code burst}.
 * Thread-safe; time comes from the clock, so tests drive it.
 */
final class WebhookRateLimit {
  private final int burst;
  private final double perNano;
  private final ClockPort clock;
  private double tokens; // guarded by this
  private Instant refilledAt; // guarded by this

  WebhookRateLimit(int perSecond, int burst, ClockPort clock) {
    if (perSecond < 1 || burst < 1) {
      throw new IllegalArgumentException("a rate limit needs a positive rate and burst");
    }
    this.burst = burst;
    this.perNano = perSecond / 1e9;
    this.clock = clock;
    this.tokens = burst;
    this.refilledAt = clock.now();
  }

  /** Takes one token if there is one. */
  synchronized boolean tryTake() {
    Instant now = clock.now();
    if (now.isAfter(refilledAt)) {
      long elapsed = Duration.between(refilledAt, now).toNanos();
      tokens = Math.min(burst, tokens + elapsed * perNano);
      refilledAt = now;
    }
    if (tokens < 1) {
      return false;
    }
    tokens -= 1;
    return true;
  }
}
