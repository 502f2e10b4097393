package dev.baton.domain;

/**
 * The call failed in a way that may pass later: rate limits, server errors, overload, timeouts,
 * broken connections, malformed answers, a results stream cut short. The batch is polled again next
 * cycle.
 */
public class LlmProviderRetryableException extends LlmProviderException {
  private static final long serialVersionUID = 1L;

  public LlmProviderRetryableException(
      LlmProvider provider, int httpStatus, String message, Throwable cause) {
    super(provider, httpStatus, message, cause);
  }
}
