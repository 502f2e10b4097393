package dev.baton.bootstrap.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.application.webhook.WebhookSecret;
import dev.baton.simulator.SimulatedBatch;
import dev.baton.simulator.SimulatedOutcome;
import dev.baton.simulator.SimulatedProvider;
import dev.baton.testsupport.postgres.TestPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Completion webhooks through a failover: two instances on PostgreSQL, three batches that end at a
 * simulated provider, a receiver that verifies every signature and refuses each event's first
 * attempt; the leader is killed while the retries wait. The next leader sends them: every event
 * arrives verified, under one {@code webhook-id} however many attempts it took.
 */
class WebhookFailoverIT {
  @RegisterExtension static final TestPostgres postgres = new TestPostgres();
  private static final String TOKEN = "webhook-admin-token";
  private static final String ANTHROPIC_KEY = "sk-ant-webhooks";
  private static final Duration STARTUP = Duration.ofSeconds(90);
  private static final List<String> BATCHES = List.of("msgbatch_W1", "msgbatch_W2", "msgbatch_W3");

  @TempDir Path workDir;

  private static String role(BatonJar baton) throws Exception {
    return baton.getJson("/v1/scheduler").get("role").asText();
  }

  @Test
  void everyEventArrivesVerifiedUnderOneIdThroughTheLeadersSigkill() throws Exception {
    WebhookSecret secret = WebhookSecret.generate();
    try (SimulatedProvider provider =
            new SimulatedProvider(ANTHROPIC_KEY, "sk-openai-unused").start();
        WebhookReceiver receiver = new WebhookReceiver(secret)) {
      for (String id : BATCHES) {
        provider.add(
            SimulatedBatch.anthropic(id)
                .states("ended")
                .items(2, i -> i == 0 ? SimulatedOutcome.SUCCEEDED : SimulatedOutcome.FAILED)
                .build());
      }
      Map<String, String> environment =
          BatonJar.pollingWhenAsked(
              postgres.jdbcUrl(), TOKEN, ANTHROPIC_KEY, provider.anthropicBaseUrl());
      environment.put("BATON_WEBHOOK_URL", receiver.url());
      environment.put("BATON_WEBHOOK_SECRET", secret.encoded());
      // The receiver listens on the loopback interface.
      environment.put("BATON_WEBHOOK_ALLOW_PRIVATE_ADDRESSES", "true");

      try (BatonJar first = BatonJar.start(workDir, "first", environment);
          BatonJar second = BatonJar.start(workDir, "second", environment)) {
        await()
            .atMost(STARTUP)
            .ignoreExceptions()
            .until(() -> Set.of(role(first), role(second)).equals(Set.of("LEADER", "FOLLOWER")));
        BatonJar leader = role(first).equals("LEADER") ? first : second;
        BatonJar follower = leader == first ? second : first;
        await()
            .atMost(STARTUP)
            .ignoreExceptions()
            .until(() -> BatonJar.present(leader.getJson("/v1/jobs").at("/jobs/0/lastRun")));

        List<Long> ids = new java.util.ArrayList<>();
        for (String id : BATCHES) {
          BatonJar.Answer tracked =
              follower.post(
                  "/v1/batches",
                  "{\"provider\":\"anthropic\",\"providerBatchId\":\""
                      + id
                      + "\",\"items\":[{\"customId\":\""
                      + SimulatedBatch.customId(0)
                      + "\"},{\"customId\":\""
                      + SimulatedBatch.customId(1)
                      + "\"}]}",
                  TOKEN);
          assertThat(tracked.status()).as(tracked.body().toString()).isEqualTo(201);
          ids.add(tracked.body().get("id").asLong());
        }
        assertThat(leader.post("/v1/jobs/poll_llm_batches/run", "", TOKEN).status()).isEqualTo(200);

        // The completions woke the delivery job: each event's first attempt came and was refused.
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> receiver.attemptedBatches().containsAll(ids));
        assertThat(receiver.acceptedBatches()).isEmpty();
        for (long id : ids) {
          // The leader records an attempt once the receiver has answered it: a moment later.
          await()
              .atMost(Duration.ofSeconds(10))
              .untilAsserted(
                  () -> {
                    JsonNode pending =
                        follower.getJson("/v1/batches/" + id + "/deliveries", TOKEN).body();
                    assertThat(pending.at("/deliveries/0/status").asText()).isEqualTo("pending");
                    assertThat(pending.at("/deliveries/0/lastStatusCode").asInt()).isEqualTo(503);
                  });
        }

        leader.process().destroyForcibly(); // SIGKILL while the retries wait
        assertThat(leader.process().waitFor(10, TimeUnit.SECONDS)).isTrue();

        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> receiver.acceptedBatches().containsAll(ids));
        assertThat(role(follower)).isEqualTo("LEADER");
        assertThat(receiver.received()).allMatch(WebhookReceiver.Received::verified);
        Map<Long, Set<String>> webhookIds = receiver.webhookIdsByBatch();
        for (long id : ids) {
          assertThat(webhookIds.get(id)).as("webhook-ids of batch " + id).hasSize(1);
          JsonNode deliveries = follower.getJson("/v1/batches/" + id + "/deliveries", TOKEN).body();
          assertThat(deliveries.get("deliveries")).hasSize(1);
          JsonNode delivery = deliveries.get("deliveries").get(0);
          assertThat(delivery.get("eventId").asText())
              .isEqualTo(webhookIds.get(id).iterator().next());
          assertThat(delivery.get("eventType").asText()).isEqualTo("batch.completed");
          assertThat(delivery.get("url").asText()).isEqualTo(receiver.url());
          assertThat(delivery.get("status").asText()).isEqualTo("delivered");
          assertThat(delivery.get("attempts").asInt())
              .isEqualTo(receiver.attemptsByBatch().get(id))
              .isGreaterThanOrEqualTo(2);
          assertThat(delivery.get("lastStatusCode").asInt()).isEqualTo(204);
          assertThat(delivery.get("deliveredAt").isNull()).isFalse();
        }
        assertThat(follower.text("/metrics"))
            .contains("baton_webhook_deliveries_total{outcome=\"delivered\"} 3.0")
            .contains("baton_webhook_pending 0.0");
      }
    }
  }
}
