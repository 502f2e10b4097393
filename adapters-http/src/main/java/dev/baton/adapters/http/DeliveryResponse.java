package dev.baton.adapters.http;

import dev.baton.domain.WebhookDelivery;
import java.time.Instant;

/** One completion webhook's delivery, as {@code GET /v1/batches/{id}/deliveries} lists it. */
record DeliveryResponse(
    long id,
    String eventId,
    String eventType,
    String url,
    String status,
    int attempts,
    Integer lastStatusCode,
    String lastError,
    Instant nextAttemptAt,
    Instant deliveredAt) {

  static DeliveryResponse from(WebhookDelivery delivery) {
    return new DeliveryResponse(
        delivery.id(),
        delivery.eventId(),
        delivery.eventType(),
        delivery.url(),
        delivery.status().wireName(),
        delivery.attempts(),
        delivery.lastStatusCode(),
        delivery.lastError(),
        delivery.nextAttemptAt(),
        delivery.deliveredAt());
  }
}
