package dev.baton.domain;

import java.util.Objects;

/**
 * A completion webhook to put in the outbox with a batch's final status.
 *
 * @param eventId the event's {@code webhook-id}, the same on every attempt
 * @param eventType {@code batch.completed}, {@code batch.failed}, {@code batch.cancelled} or {@code
 *     batch.expired}
 * @param payload the JSON body, sent as stored
 */
public record NewWebhookDelivery(String eventId, String url, String eventType, String payload) {

  public NewWebhookDelivery {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(payload, "payload");
  }

  /** The event type of a batch that took {@code finalStatus}: {@code batch.} + its wire name. */
  public static String eventType(BatchStatus finalStatus) {
    if (!finalStatus.isTerminal()) {
      throw new IllegalArgumentException(finalStatus.wireName() + " is not a final status");
    }
    return "batch." + finalStatus.wireName();
  }
}
