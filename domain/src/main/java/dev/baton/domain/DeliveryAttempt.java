package dev.baton.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * What one attempt to deliver a webhook ended in, to record on its row.
 *
 * @param statusCode the receiver's HTTP status, or null when none answered
 * @param error why it was not delivered (redacted), or null when it was
 * @param status what the delivery is now
 * @param nextAttemptAt when to try again if it stays pending, else null
 */
public record DeliveryAttempt(
    long deliveryId,
    Instant attemptedAt,
    Integer statusCode,
    String error,
    DeliveryStatus status,
    Instant nextAttemptAt) {

  public DeliveryAttempt {
    Objects.requireNonNull(attemptedAt, "attemptedAt");
    Objects.requireNonNull(status, "status");
    if ((status == DeliveryStatus.PENDING) != (nextAttemptAt != null)) {
      throw new IllegalArgumentException("a pending delivery, and only one, has a next attempt");
    }
  }
}
