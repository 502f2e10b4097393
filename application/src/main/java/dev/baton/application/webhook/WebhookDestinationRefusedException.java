package dev.baton.application.webhook;

/**
 * A webhook URL that may not be used. The message is one line that completes "the webhook URL …"
 * (for example {@code must not carry user information}); it never quotes the URL's user
 * information.
 */
public final class WebhookDestinationRefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public WebhookDestinationRefusedException(String reason) {
    super(reason);
  }
}
