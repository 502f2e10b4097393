package dev.baton.domain;

/**
 * The provider refused the call (401, 403, 404): a wrong key, a missing permission or an unknown
 * batch. Asking again within the cycle gives the same answer, so it is recorded and not retried.
 */
public class LlmProviderRejectedException extends LlmProviderException {
  private static final long serialVersionUID = 1L;

  public LlmProviderRejectedException(LlmProvider provider, int httpStatus, String message) {
    super(provider, httpStatus, message, null);
  }
}
