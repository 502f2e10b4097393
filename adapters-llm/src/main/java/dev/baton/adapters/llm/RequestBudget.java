package dev.baton.adapters.llm;

import java.time.Duration;

/**
 * Paces one provider's requests to stay inside the rate limit its answers state, instead of
 * bursting into 429s: every call of the client, retries and results downloads included, takes a
 * {@linkplain #acquire ticket} first and hands each answer's {@link RateLimit} back.
 *
 * <p>The rules, each a lower bound on when the next request may go:
 *
 * <ul>
 *   <li>a {@code retry-after} pauses every request of the provider until it has passed;
 *   <li>until the first answer, one request at a time, so a fresh client learns the limit before it
 *       sends a burst;
 *   <li>no faster than {@code limit} requests a minute, both providers' unit for request limits;
 *   <li>the {@code remaining} requests, less those sent since the answer that stated them, spread
 *       evenly until the {@code reset}; none left: wait for the reset. Another user of the same API
 *       key makes {@code remaining} fall, and Baton slows down.
 * </ul>
 *
 * A provider that states no limit is not paced. All times are on a {@link Ticker}, in nanoseconds.
 */
final class RequestBudget {
  static final Duration PER = Duration.ofMinutes(1);

  /** How often a waiting request looks again: an answer may have changed the budget. */
  private static final long LOOK_AGAIN_NANOS = Duration.ofMillis(200).toNanos();

  private long issued;
  private boolean anyCompleted;
  private long pausedUntil;
  private boolean paused;
  private long lastSent;
  private boolean sentAny;

  private RateLimit known;
  private long knownAtSeq;
  private long resetAt;

  /** One request's place in the order of sending. */
  record Ticket(long seq) {}

  /**
   * Waits until the next request may go and returns its ticket.
   *
   * @throws BudgetExhausted when it could go only after {@code maxWait}: the caller leaves it for
   *     the next cycle rather than hold a thread that long
   */
  Ticket acquire(Ticker ticker, Duration maxWait) throws InterruptedException, BudgetExhausted {
    long maxWaitNanos = maxWait.toNanos();
    while (true) {
      long wait;
      synchronized (this) {
        long now = ticker.nanoTime();
        wait = delay(now);
        if (wait <= 0) {
          return take(now);
        }
      }
      if (wait > maxWaitNanos) {
        throw new BudgetExhausted(Duration.ofNanos(wait));
      }
      ticker.sleep(Duration.ofNanos(Math.min(wait, LOOK_AGAIN_NANOS)));
    }
  }

  /** How long from {@code now} until a request may go; zero or less: now. */
  synchronized long delay(long now) {
    long wait = 0;
    if (paused) {
      wait = pausedUntil - now;
    }
    if (!anyCompleted && issued > 0) {
      return Math.max(wait, LOOK_AGAIN_NANOS);
    }
    if (known == null) {
      return wait;
    }
    if (sentAny) {
      long spacing = PER.toNanos() / known.limit();
      wait = Math.max(wait, lastSent + spacing - now);
    }
    boolean beforeReset = known.untilReset() != null && resetAt - now > 0;
    if (beforeReset) {
      long left = known.remaining() - (issued - knownAtSeq);
      if (left <= 0) {
        wait = Math.max(wait, resetAt - now);
      } else if (sentAny) {
        wait = Math.max(wait, lastSent + (resetAt - lastSent) / left - now);
      }
    }
    return wait;
  }

  /** Counts a request as sent at {@code now}; call when {@link #delay} allows it. */
  synchronized Ticket take(long now) {
    issued++;
    lastSent = now;
    sentAny = true;
    return new Ticket(issued);
  }

  /** An answer to the request of {@code ticket}, with the budget it stated, if any. */
  synchronized void answered(Ticket ticket, RateLimit stated, long now) {
    anyCompleted = true;
    if (stated == null || (known != null && ticket.seq() < knownAtSeq)) {
      return;
    }
    known = stated;
    knownAtSeq = ticket.seq();
    if (stated.untilReset() != null) {
      resetAt = now + stated.untilReset().toNanos();
    }
  }

  /** The request of {@code ticket} got no answer. */
  synchronized void failed(Ticket ticket) {
    anyCompleted = true;
  }

  /** The provider asked for no request before {@code retryAfter} from {@code now}. */
  synchronized void pause(Duration retryAfter, long now) {
    long until = now + retryAfter.toNanos();
    if (!paused || until - pausedUntil > 0) {
      pausedUntil = until;
      paused = true;
    }
  }

  /** The next request could go only after {@link #retryIn()}. */
  static final class BudgetExhausted extends Exception {
    private static final long serialVersionUID = 1L;
    private final Duration retryIn;

    BudgetExhausted(Duration retryIn) {
      super(null, null, false, false);
      this.retryIn = retryIn;
    }

    Duration retryIn() {
      return retryIn;
    }
  }
}
