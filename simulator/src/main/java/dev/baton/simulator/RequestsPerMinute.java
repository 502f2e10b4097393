package dev.baton.simulator;

import java.time.Duration;

/**
 * A provider's request limit as both APIs describe theirs: a bucket of {@code limit} requests,
 * refilled continuously at {@code limit} a minute. Times are {@link System#nanoTime()} values.
 */
final class RequestsPerMinute {
  private final int limit;
  private final double perNano;
  private double tokens;
  private long at;

  /** What one request found: let through or refused, and the budget left. */
  record Decision(
      boolean allowed, int limit, long remaining, Duration untilFull, Duration untilNext) {}

  RequestsPerMinute(int limit, long now) {
    if (limit < 1) {
      throw new IllegalArgumentException("a limit is at least 1 request a minute: " + limit);
    }
    this.limit = limit;
    this.perNano = limit / (double) Duration.ofMinutes(1).toNanos();
    this.tokens = limit;
    this.at = now;
  }

  synchronized Decision take(long now) {
    tokens = Math.min(limit, tokens + (now - at) * perNano);
    at = now;
    boolean allowed = tokens >= 1;
    if (allowed) {
      tokens -= 1;
    }
    long untilFullNanos = (long) Math.ceil((limit - tokens) / perNano);
    long untilNextNanos = allowed ? 0 : (long) Math.ceil((1 - tokens) / perNano);
    return new Decision(
        allowed,
        limit,
        (long) Math.floor(tokens),
        Duration.ofNanos(untilFullNanos),
        Duration.ofNanos(untilNextNanos));
  }
}
