package dev.baton.application.webhook;

import dev.baton.domain.BatchCompletion;
import dev.baton.domain.BatchStatus;
import dev.baton.domain.LlmBatchJob;
import dev.baton.domain.NewWebhookDelivery;
import dev.baton.domain.WebhookEvents;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The completion webhook of a batch: sent to the batch's own URL, else to the configured one, else
 * nowhere. Its body is small and carries no results, only a link to them:
 *
 * <pre>{"type": "batch.completed", "timestamp": "…", "data": {"id", "provider", "providerBatchId",
 * "status", "completedAt", "itemCounts", "itemsUrl"}}</pre>
 *
 * <p>{@code itemsUrl} is absolute when a public base URL is configured, else relative to Baton's
 * address. The event id, the {@code webhook-id} of every attempt, is chosen here once and stored.
 */
public final class CompletionWebhooks implements WebhookEvents {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final Optional<String> configuredUrl;
  private final String linkBase;
  private final Supplier<String> eventIds;

  /**
   * @param configuredUrl {@code BATON_WEBHOOK_URL}, if set
   * @param publicBaseUrl {@code BATON_PUBLIC_BASE_URL}, if set
   */
  public CompletionWebhooks(Optional<String> configuredUrl, Optional<URI> publicBaseUrl) {
    this(configuredUrl, publicBaseUrl, CompletionWebhooks::randomEventId);
  }

  CompletionWebhooks(
      Optional<String> configuredUrl, Optional<URI> publicBaseUrl, Supplier<String> eventIds) {
    this.configuredUrl = Objects.requireNonNull(configuredUrl, "configuredUrl");
    this.linkBase = publicBaseUrl.map(CompletionWebhooks::withoutTrailingSlash).orElse("");
    this.eventIds = eventIds;
  }

  /** {@code msg_} and 32 random hex digits, the spec's shape of a message id. */
  static String randomEventId() {
    return "msg_" + UUID.randomUUID().toString().replace("-", "");
  }

  private static String withoutTrailingSlash(URI base) {
    String text = base.toString();
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }

  @Override
  public Optional<NewWebhookDelivery> deliveryFor(BatchCompletion completion) {
    Optional<String> url = completion.webhookUrl().or(() -> configuredUrl);
    if (url.isEmpty()) {
      return Optional.empty();
    }
    LlmBatchJob batch = completion.batch().batch();
    String type = NewWebhookDelivery.eventType(batch.status());
    return Optional.of(
        new NewWebhookDelivery(eventIds.get(), url.get(), type, payload(type, completion, batch)));
  }

  private String payload(String type, BatchCompletion completion, LlmBatchJob batch) {
    Instant completedAt = Objects.requireNonNull(batch.completedAt(), "completedAt");
    StringBuilder counts = new StringBuilder("{");
    for (BatchStatus status : BatchStatus.values()) {
      counts
          .append(counts.length() == 1 ? "" : ",")
          .append(Json.string(status.wireName()))
          .append(':')
          .append(completion.batch().itemCounts().getOrDefault(status, 0L));
    }
    counts.append('}');
    return "{\"type\":"
        + Json.string(type)
        + ",\"timestamp\":"
        + Json.string(TIMESTAMP.format(completedAt))
        + ",\"data\":{\"id\":"
        + batch.id()
        + ",\"provider\":"
        + Json.string(batch.provider().wireName())
        + ",\"providerBatchId\":"
        + Json.string(batch.providerBatchId())
        + ",\"status\":"
        + Json.string(batch.status().wireName())
        + ",\"completedAt\":"
        + Json.string(TIMESTAMP.format(completedAt))
        + ",\"itemCounts\":"
        + counts
        + ",\"itemsUrl\":"
        + Json.string(linkBase + "/v1/batches/" + batch.id() + "/items")
        + "}}";
  }

  /** JSON string literals, for the few the payload needs. */
  private static final class Json {
    private Json() {}

    static String string(String value) {
      StringBuilder out = new StringBuilder("\"");
      for (char c : value.toCharArray()) {
        switch (c) {
          case '"' -> out.append("\\\"");
          case '\\' -> out.append("\\\\");
          default -> {
            if (c < 0x20 || c == 0x2028 || c == 0x2029) {
              out.append(String.format("\\u%04x", (int) c));
            } else {
              out.append(c);
            }
          }
        }
      }
      return out.append('"').toString();
    }
  }
}
