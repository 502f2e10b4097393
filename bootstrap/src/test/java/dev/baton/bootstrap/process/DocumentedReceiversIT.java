package dev.baton.bootstrap.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.application.webhook.WebhookSecret;
import dev.baton.simulator.SimulatedBatch;
import dev.baton.simulator.SimulatedProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java and Python receivers of {@code docs/webhooks.md}, as written there, accept the webhooks
 * Baton really sends: the Java one at the configured URL, the Python one at a batch's own URL.
 */
class DocumentedReceiversIT {
  private static final String TOKEN = "receivers-admin-token";
  private static final String ANTHROPIC_KEY = "sk-ant-receivers";
  private static final Duration STARTUP = Duration.ofSeconds(90);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path workDir;

  private static long track(BatonJar baton, String providerBatchId, String webhookUrl)
      throws Exception {
    BatonJar.Answer tracked =
        baton.post(
            "/v1/batches",
            "{\"provider\":\"anthropic\",\"providerBatchId\":\""
                + providerBatchId
                + "\",\"items\":[{\"customId\":\""
                + SimulatedBatch.customId(0)
                + "\"}]"
                + (webhookUrl == null ? "" : ",\"webhookUrl\":\"" + webhookUrl + "\"")
                + "}",
            TOKEN);
    assertThat(tracked.status()).as(tracked.body().toString()).isEqualTo(201);
    return tracked.body().get("id").asLong();
  }

  /** The receiver's next line says it verified this batch's webhook, under its event id. */
  private static void assertVerified(DocumentedReceiver receiver, BatonJar baton, long batchId)
      throws Exception {
    String line = receiver.nextLine(60);
    assertThat(line).as("see " + receiver.errors()).startsWith("verified msg_");
    String[] parts = line.split(" ", 3);
    JsonNode event = JSON.readTree(parts[2]);
    assertThat(event.get("type").asText()).isEqualTo("batch.completed");
    assertThat(event.at("/data/id").asLong()).isEqualTo(batchId);
    assertThat(event.at("/data/itemsUrl").asText())
        .isEqualTo("https://baton.example.com/v1/batches/" + batchId + "/items");
    assertThat(event.at("/data/itemCounts/completed").asLong()).isEqualTo(1);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              JsonNode delivery =
                  baton
                      .getJson("/v1/batches/" + batchId + "/deliveries", TOKEN)
                      .body()
                      .at("/deliveries/0");
              assertThat(delivery.get("eventId").asText()).isEqualTo(parts[1]);
              assertThat(delivery.get("status").asText()).isEqualTo("delivered");
              assertThat(delivery.get("lastStatusCode").asInt()).isEqualTo(204);
            });
  }

  @Test
  void theDocumentedReceiversAcceptRealDeliveries() throws Exception {
    WebhookSecret secret = WebhookSecret.generate();
    try (SimulatedProvider provider =
            new SimulatedProvider(ANTHROPIC_KEY, "sk-openai-unused").start();
        DocumentedReceiver java =
            DocumentedReceiver.start(workDir, "WebhookReceiver.java", secret.encoded());
        DocumentedReceiver python =
            DocumentedReceiver.start(workDir, "receiver.py", secret.encoded())) {
      provider.add(SimulatedBatch.anthropic("msgbatch_J").states("ended").items(1).build());
      provider.add(SimulatedBatch.anthropic("msgbatch_P").states("ended").items(1).build());
      Map<String, String> environment =
          BatonJar.pollingWhenAsked(
              "jdbc:sqlite:" + workDir.resolve("receivers.db"),
              TOKEN,
              ANTHROPIC_KEY,
              provider.anthropicBaseUrl());
      environment.put("BATON_WEBHOOK_URL", java.url());
      environment.put("BATON_WEBHOOK_SECRET", secret.encoded());
      environment.put("BATON_WEBHOOK_ALLOW_PRIVATE_ADDRESSES", "true");
      environment.put("BATON_PUBLIC_BASE_URL", "https://baton.example.com");

      try (BatonJar baton = BatonJar.start(workDir, "receivers", environment)) {
        await().atMost(STARTUP).until(() -> baton.status("/readyz") == 200);
        await()
            .atMost(STARTUP)
            .ignoreExceptions()
            .until(() -> BatonJar.present(baton.getJson("/v1/jobs").at("/jobs/0/lastRun")));
        long toJava = track(baton, "msgbatch_J", null);
        long toPython = track(baton, "msgbatch_P", python.url());

        assertThat(baton.post("/v1/jobs/poll_llm_batches/run", "", TOKEN).status()).isEqualTo(200);

        assertVerified(java, baton, toJava);
        assertVerified(python, baton, toPython);
      }
    }
  }
}
