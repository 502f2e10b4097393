package dev.baton.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A row of the webhook outbox ({@code baton_webhook_delivery}).
 *
 * @param nextAttemptAt when a pending delivery is sent next; null once it is delivered or failed
 * @param lastStatusCode the last answer's HTTP status, or null (none yet, or no answer)
 * @param lastError why the last attempt did not deliver, redacted; null after a delivery
 */
public record WebhookDelivery(
    long id,
    String eventId,
    long batchId,
    String url,
    String eventType,
    String payload,
    DeliveryStatus status,
    int attempts,
    Instant nextAttemptAt,
    Instant lastAttemptAt,
    Integer lastStatusCode,
    String lastError,
    Instant createdAt,
    Instant deliveredAt) {

  public WebhookDelivery {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
