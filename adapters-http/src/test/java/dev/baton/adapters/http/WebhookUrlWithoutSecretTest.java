package dev.baton.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.application.BatchTrackingService;
import dev.baton.application.WebhookDeliveriesService;
import dev.baton.testsupport.fakes.InMemoryBatchStore;
import dev.baton.testsupport.fakes.SettableClock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Without a signing secret, a batch cannot name a webhook URL: nothing could sign its webhook. */
class WebhookUrlWithoutSecretTest {
  private final SettableClock clock = SettableClock.atEpochDay();
  private final InMemoryBatchStore store = new InMemoryBatchStore(clock, () -> 1);

  @RegisterExtension
  final RunningServer server =
      RunningServer.serving(
          new BatchTrackingService(store, clock),
          new WebhookDeliveriesService(store, store, clock));

  @Test
  void aBatchUrlIs400NamingTheMissingSecret() {
    RunningServer.Reply reply =
        server.postJson(
            "/v1/batches",
            "{\"provider\": \"openai\", \"providerBatchId\": \"batch_1\","
                + " \"items\": [{\"customId\": \"a\"}],"
                + " \"webhookUrl\": \"https://hooks.example.com/baton\"}");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.jsonBody().get("field").textValue()).isEqualTo("webhookUrl");
    assertThat(reply.jsonBody().get("detail").textValue()).contains("BATON_WEBHOOK_SECRET");
    assertThat(store.list(Optional.empty(), 0, 10)).isEmpty();
  }
}
