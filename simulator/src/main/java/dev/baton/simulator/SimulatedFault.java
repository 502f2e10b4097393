package dev.baton.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * A fault the simulated provider injects into the next request it applies to, answered in the
 * provider's own error format.
 */
public final class SimulatedFault {
  enum Kind {
    STATUS,
    MALFORMED_JSON,
    CUT_RESULTS,
    SLOW
  }

  private final Kind kind;
  private final int status;
  private final Duration retryAfter;
  private final Duration delay;
  private final int linesBeforeCut;

  private SimulatedFault(
      Kind kind, int status, Duration retryAfter, Duration delay, int linesBeforeCut) {
    this.kind = kind;
    this.status = status;
    this.retryAfter = retryAfter;
    this.delay = delay;
    this.linesBeforeCut = linesBeforeCut;
  }

  /** An error answer with this HTTP status, e.g. 401, 403, 404, 500, 529. */
  public static SimulatedFault status(int status) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("an error status is 4xx or 5xx: " + status);
    }
    return new SimulatedFault(Kind.STATUS, status, null, null, 0);
  }

  /** 429 with {@code retry-after} in whole seconds, as both providers send it. */
  public static SimulatedFault rateLimited(Duration retryAfter) {
    Objects.requireNonNull(retryAfter, "retryAfter");
    return new SimulatedFault(Kind.STATUS, 429, retryAfter, null, 0);
  }

  /** 429 without {@code retry-after}: Anthropic's answer when a spend cap is reached. */
  public static SimulatedFault rateLimitedWithoutRetryAfter() {
    return new SimulatedFault(Kind.STATUS, 429, null, null, 0);
  }

  /** 200 with a body that is not JSON (a batch), or a results file with a broken line. */
  public static SimulatedFault malformedJson() {
    return new SimulatedFault(Kind.MALFORMED_JSON, 200, null, null, 0);
  }

  /**
   * A results download whose connection drops in the middle of the line after {@code lines}
   * complete lines. Applies to the next results request only.
   */
  public static SimulatedFault cutResultsStreamAfter(int lines) {
    if (lines < 0) {
      throw new IllegalArgumentException("lines must not be negative: " + lines);
    }
    return new SimulatedFault(Kind.CUT_RESULTS, 200, null, null, lines);
  }

  /** An answer that starts only after {@code delay}, then is normal. */
  public static SimulatedFault slow(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    return new SimulatedFault(Kind.SLOW, 200, null, delay, 0);
  }

  Kind kind() {
    return kind;
  }

  int status() {
    return status;
  }

  /** Null when none is sent. */
  Duration retryAfter() {
    return retryAfter;
  }

  Duration delay() {
    return delay;
  }

  int linesBeforeCut() {
    return linesBeforeCut;
  }

  boolean appliesToBatchRetrieval() {
    return kind != Kind.CUT_RESULTS;
  }

  @Override
  public String toString() {
    return switch (kind) {
      case STATUS -> "HTTP " + status + (retryAfter == null ? "" : " retry-after " + retryAfter);
      case SLOW -> "answer delayed by " + delay;
      case CUT_RESULTS -> "results cut after " + linesBeforeCut + " lines";
      case MALFORMED_JSON -> "malformed JSON";
    };
  }
}
