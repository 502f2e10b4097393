package dev.baton.application.webhook;

import java.util.LinkedHashMap;
import java.util.Map;

/** The Standard Webhooks headers of one delivery attempt, as they are sent. */
public record WebhookHeaders(String id, String timestamp, String signature) {

  /** {@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature}, in that order. */
  public Map<String, String> asMap() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(StandardWebhooks.ID_HEADER, id);
    headers.put(StandardWebhooks.TIMESTAMP_HEADER, timestamp);
    headers.put(StandardWebhooks.SIGNATURE_HEADER, signature);
    return headers;
  }
}
