package dev.baton.application.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.domain.BatchCompletion;
import dev.baton.domain.BatchStatus;
import dev.baton.domain.LlmBatchJob;
import dev.baton.domain.LlmProvider;
import dev.baton.domain.NewWebhookDelivery;
import dev.baton.domain.TrackedBatch;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CompletionWebhooksTest {
  private static final Instant DONE = Instant.parse("2026-11-28T12:00:00.5Z");

  private static BatchCompletion completion(BatchStatus status, Optional<String> ownUrl) {
    LlmBatchJob batch =
        new LlmBatchJob(
            42,
            LlmProvider.ANTHROPIC,
            "msgbatch_\"quoted\"",
            status,
            DONE.minusSeconds(3600),
            DONE,
            null,
            null,
            DONE);
    return new BatchCompletion(
        new TrackedBatch(batch, Map.of(BatchStatus.COMPLETED, 3L, BatchStatus.FAILED, 1L)), ownUrl);
  }

  @Test
  void thePayloadCarriesTheBatchItsCountsAndALinkToItsItems() {
    CompletionWebhooks webhooks =
        new CompletionWebhooks(
            Optional.of("https://hooks.example.com/baton"),
            Optional.of(URI.create("https://baton.example.com/")),
            () -> "msg_1");

    NewWebhookDelivery delivery =
        webhooks.deliveryFor(completion(BatchStatus.COMPLETED, Optional.empty())).orElseThrow();

    assertThat(delivery.eventId()).isEqualTo("msg_1");
    assertThat(delivery.url()).isEqualTo("https://hooks.example.com/baton");
    assertThat(delivery.eventType()).isEqualTo("batch.completed");
    assertThat(delivery.payload())
        .isEqualTo(
            "{\"type\":\"batch.completed\",\"timestamp\":\"2026-11-28T12:00:00.500Z\","
                + "\"data\":{\"id\":42,\"provider\":\"anthropic\","
                + "\"providerBatchId\":\"msgbatch_\\\"quoted\\\"\",\"status\":\"completed\","
                + "\"completedAt\":\"2026-11-28T12:00:00.500Z\",\"itemCounts\":{\"created\":0,"
                + "\"pending\":0,\"running\":0,\"completed\":3,\"failed\":1,\"cancelled\":0,"
                + "\"expired\":0},\"itemsUrl\":\"https://baton.example.com/v1/batches/42/items\"}}");
  }

  @Test
  void aBatchsOwnUrlReplacesTheConfiguredOneAndTheLinkIsRelativeWithoutABase() {
    CompletionWebhooks webhooks =
        new CompletionWebhooks(
            Optional.of("https://hooks.example.com/baton"), Optional.empty(), () -> "msg_2");

    NewWebhookDelivery delivery =
        webhooks
            .deliveryFor(completion(BatchStatus.EXPIRED, Optional.of("https://own.example.com/h")))
            .orElseThrow();

    assertThat(delivery.url()).isEqualTo("https://own.example.com/h");
    assertThat(delivery.eventType()).isEqualTo("batch.expired");
    assertThat(delivery.payload()).contains("\"itemsUrl\":\"/v1/batches/42/items\"");
  }

  @Test
  void withoutAnyUrlThereIsNoWebhook() {
    CompletionWebhooks webhooks = new CompletionWebhooks(Optional.empty(), Optional.empty());

    assertThat(webhooks.deliveryFor(completion(BatchStatus.FAILED, Optional.empty()))).isEmpty();
  }

  @Test
  void eventIdsAreMessageIdsAndNeverRepeat() {
    String one = CompletionWebhooks.randomEventId();
    assertThat(one).matches("msg_[0-9a-f]{32}");
    assertThat(CompletionWebhooks.randomEventId()).isNotEqualTo(one);
  }
}
