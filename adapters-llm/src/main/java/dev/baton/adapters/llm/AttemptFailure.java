package dev.baton.adapters.llm;

import dev.baton.domain.LlmProviderException;
import java.time.Duration;
import java.util.Optional;

/** One failed attempt of a provider call, with what the retry policy needs to decide. */
final class AttemptFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient LlmProviderException outcome;
  private final boolean worthRetrying;
  private final Duration retryAfter;

  private AttemptFailure(LlmProviderException outcome, boolean worthRetrying, Duration retryAfter) {
    super(outcome.getMessage(), outcome, false, false);
    this.outcome = outcome;
    this.worthRetrying = worthRetrying;
    this.retryAfter = retryAfter;
  }

  static AttemptFailure worthRetrying(LlmProviderException outcome, Optional<Duration> retryAfter) {
    return new AttemptFailure(outcome, true, retryAfter.orElse(null));
  }

  static AttemptFailure notWorthRetrying(LlmProviderException outcome) {
    return new AttemptFailure(outcome, false, null);
  }

  /** What the caller gets when no attempt is left. */
  LlmProviderException outcome() {
    return outcome;
  }

  boolean worthRetrying() {
    return worthRetrying;
  }

  /** The provider's own wait, when it named one. */
  Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
