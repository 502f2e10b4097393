package dev.baton.application.webhook;

/**
 * What {@link StandardWebhooks#verify} found. A receiver answers 401 to anything but {@link
 * Outcome#VERIFIED}; for counting, a missing or malformed header is a bad signature.
 *
 * @param detail one line for logs; it never quotes a header's value
 */
public record WebhookVerification(Outcome outcome, String detail) {

  public enum Outcome {
    VERIFIED,
    MISSING_HEADER,
    MALFORMED_HEADER,
    BAD_SIGNATURE,
    STALE_TIMESTAMP
  }

  static final WebhookVerification VERIFIED =
      new WebhookVerification(Outcome.VERIFIED, "signature and timestamp verified");

  public boolean verified() {
    return outcome == Outcome.VERIFIED;
  }

  static WebhookVerification missingHeader(String header) {
    return new WebhookVerification(Outcome.MISSING_HEADER, header + " is missing");
  }

  static WebhookVerification malformedHeader(String header, String problem) {
    return new WebhookVerification(Outcome.MALFORMED_HEADER, header + " " + problem);
  }

  static WebhookVerification badSignature(String problem) {
    return new WebhookVerification(
        Outcome.BAD_SIGNATURE, StandardWebhooks.SIGNATURE_HEADER + " " + problem);
  }

  static WebhookVerification staleTimestamp(String problem) {
    return new WebhookVerification(
        Outcome.STALE_TIMESTAMP, StandardWebhooks.TIMESTAMP_HEADER + " is " + problem);
  }
}
