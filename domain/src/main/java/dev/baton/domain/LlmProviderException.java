package dev.baton.domain;

/**
 * A call to an LLM provider failed after the client's own retries; the batch stays as it was. See
 * the two subclasses for what the caller does next.
 */
public abstract class LlmProviderException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final LlmProvider provider;
  private final int httpStatus;

  protected LlmProviderException(
      LlmProvider provider, int httpStatus, String message, Throwable cause) {
    super(message, cause);
    this.provider = provider;
    this.httpStatus = httpStatus;
  }

  public LlmProvider provider() {
    return provider;
  }

  /** The provider's HTTP status, or 0 when there was no usable HTTP answer. */
  public int httpStatus() {
    return httpStatus;
  }
}
