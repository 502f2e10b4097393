package dev.baton.bootstrap.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.application.webhook.StandardWebhooks;
import dev.baton.application.webhook.WebhookSecret;
import dev.baton.simulator.SimulatedBatch;
import dev.baton.simulator.SimulatedProvider;
import dev.baton.testsupport.postgres.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenAI's batch webhook, end to end: two instances of the packaged jar on PostgreSQL polling every
 * 300 s, a batch the simulated OpenAI has finished, and its signed event posted to the FOLLOWER.
 * The leader stores the results within seconds; forged, stale and replayed events poll nothing.
 */
class OpenAiWebhookIT {
  @RegisterExtension static final TestPostgres postgres = new TestPostgres();
  private static final String TOKEN = "webhook-admin-token";
  private static final String OPENAI_KEY = "sk-openai-webhooks";
  private static final Duration STARTUP = Duration.ofSeconds(90);
  private static final String PATH = "/v1/providers/openai/webhooks";
  private static final int ROUNDS = 6;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path workDir;

  private final WebhookSecret secret = WebhookSecret.generate();
  private final StandardWebhooks openAi = new StandardWebhooks(secret);
  // The sender's clock, as OpenAI's would be: the wall clock.
  private final Clock wall = Clock.systemUTC();

  @Test
  void aSignedEventPostedToTheFollowerHasTheLeaderStoreTheResultsInSeconds() throws Exception {
    try (SimulatedProvider provider = new SimulatedProvider("sk-ant-unused", OPENAI_KEY).start()) {
      provider.add(SimulatedBatch.openAi("batch_done").states("completed").items(3).build());
      Map<String, String> environment = new HashMap<>();
      environment.put("BATON_DATABASE_URL", postgres.jdbcUrl());
      environment.put("BATON_ADMIN_TOKEN", TOKEN);
      environment.put("BATON_OPENAI_API_KEY", OPENAI_KEY);
      environment.put("BATON_OPENAI_BASE_URL", provider.openAiBaseUrl());
      environment.put("BATON_OPENAI_WEBHOOK_SECRET", secret.encoded());
      environment.put("BATON_POLL_RUNNING_LLM_BATCHES_INTERVAL_SECONDS", "300");
      environment.put("BATON_POLL_JITTER_SECONDS", "0");

      try (BatonJar first = BatonJar.start(workDir, "first", environment)) {
        await().atMost(STARTUP).until(() -> role(first).equals("LEADER"));
        // The startup cycle ran before the batch was tracked: nothing polls it for 300 s.
        await()
            .atMost(STARTUP)
            .ignoreExceptions()
            .until(() -> BatonJar.present(first.getJson("/v1/jobs").at("/jobs/0/lastRun")));
        try (BatonJar second = BatonJar.start(workDir, "second", environment)) {
          await().atMost(STARTUP).until(() -> role(second).equals("FOLLOWER"));
          long batchId = track(first, "batch_done", 3);
          String body = event("evt_1", "batch.completed", "batch_done");

          assertThat(post(second, "msg_forged", forged(body), body)).isEqualTo(401);
          Map<String, String> stale =
              openAi.sign("msg_stale", wall.instant().minusSeconds(600), bytes(body)).asMap();
          assertThat(post(second, "msg_stale", stale, body)).isEqualTo(401);
          await()
              .during(Duration.ofSeconds(3))
              .atMost(Duration.ofSeconds(5))
              .until(() -> askedAbout(provider, "batch_done") == 0);
          assertThat(
                  first
                      .getJson("/v1/batches/" + batchId, TOKEN)
                      .body()
                      .get("lastPolledAt")
                      .isNull())
              .isTrue();

          Instant sent = wall.instant();
          Map<String, String> signed = openAi.sign("msg_1", sent, bytes(body)).asMap();
          assertThat(post(second, "msg_1", signed, body)).isEqualTo(200);
          await()
              .atMost(Duration.ofSeconds(20))
              .pollInterval(Duration.ofMillis(20))
              .until(() -> status(first, batchId).equals("completed"));
          Duration toCompleted = Duration.between(sent, wall.instant());
          JsonNode batch = first.getJson("/v1/batches/" + batchId, TOKEN).body();
          Instant completedAt = Instant.parse(batch.get("completedAt").asText());
          System.out.printf(
              "OpenAI webhook to a follower -> final status stored on the leader: %d ms"
                  + " (completedAt %d ms after the event was sent; polling interval 300 s)%n",
              toCompleted.toMillis(), Duration.between(sent, completedAt).toMillis());
          assertThat(batch.get("itemCounts").get("completed").asInt()).isEqualTo(3);
          assertThat(batch.get("lastWokenAt").isNull()).isFalse();
          first
              .getJson("/v1/batches/" + batchId + "/items", TOKEN)
              .body()
              .get("items")
              .forEach(item -> assertThat(item.get("result").isNull()).isFalse());
          long asked = askedAbout(provider, "batch_done");

          assertThat(post(second, "msg_1", signed, body)).isEqualTo(200);
          Map<String, String> again = openAi.sign("msg_2", wall.instant(), bytes(body)).asMap();
          assertThat(post(first, "msg_2", again, body)).isEqualTo(200);
          await()
              .during(Duration.ofSeconds(3))
              .atMost(Duration.ofSeconds(5))
              .until(() -> askedAbout(provider, "batch_done") == asked);

          assertThat(second.text("/metrics"))
              .contains(
                  "baton_provider_webhooks_total{outcome=\"accepted\",provider=\"openai\"} 1.0",
                  "baton_provider_webhooks_total{outcome=\"replayed\",provider=\"openai\"} 1.0",
                  "baton_provider_webhooks_total{outcome=\"bad_signature\",provider=\"openai\"}"
                      + " 1.0",
                  "baton_provider_webhooks_total{outcome=\"stale_timestamp\",provider=\"openai\"}"
                      + " 1.0");
          // No cycle was running: a run of the job limited to the requested batch polled it.
          assertThat(first.stdout())
              .contains("Polled 1 LLM batches asked for by providers' webhooks");

          // A few more, one after the other, for the figure: each batch waits for its event alone.
          List<Long> millis = new ArrayList<>(List.of(toCompleted.toMillis()));
          for (int round = 1; round <= ROUNDS; round++) {
            String providerBatchId = "batch_round_" + round;
            provider.add(
                SimulatedBatch.openAi(providerBatchId).states("completed").items(2).build());
            long id = track(first, providerBatchId, 2);
            String roundBody = event("evt_r" + round, "batch.completed", providerBatchId);
            Instant roundSent = wall.instant();
            Map<String, String> roundSigned =
                openAi.sign("msg_r" + round, roundSent, bytes(roundBody)).asMap();
            assertThat(post(second, "msg_r" + round, roundSigned, roundBody)).isEqualTo(200);
            await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> status(first, id).equals("completed"));
            millis.add(Duration.between(roundSent, wall.instant()).toMillis());
          }
          List<Long> sorted = millis.stream().sorted().toList();
          System.out.printf(
              "OpenAI webhook -> final status stored, %d events: median %d ms, max %d ms, all %s"
                  + " (polling alone: 150 s on average at the 300 s interval)%n",
              sorted.size(), sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1), millis);
        }
      }
    }
  }

  private Map<String, String> forged(String body) {
    return new StandardWebhooks(WebhookSecret.generate())
        .sign("msg_forged", wall.instant(), bytes(body))
        .asMap();
  }

  private static byte[] bytes(String body) {
    return body.getBytes(StandardCharsets.UTF_8);
  }

  private static String event(String id, String type, String batchId) {
    return "{\"id\":\""
        + id
        + "\",\"object\":\"event\",\"created_at\":1764367200,\"type\":\""
        + type
        + "\",\"data\":{\"id\":\""
        + batchId
        + "\"}}";
  }

  /** Posts a webhook as OpenAI does: its signature headers, no bearer token. */
  private static int post(BatonJar baton, String id, Map<String, String> headers, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + baton.port() + PATH))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    HttpResponse<String> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return response.statusCode();
  }

  private static String role(BatonJar baton) {
    try {
      return baton.getJson("/v1/scheduler").get("role").asText();
    } catch (Exception e) {
      return "";
    }
  }

  private static String status(BatonJar baton, long batchId) throws Exception {
    return baton.getJson("/v1/batches/" + batchId, TOKEN).body().get("status").asText();
  }

  /** Hands an OpenAI batch of {@code items} requests to Baton. */
  private static long track(BatonJar baton, String providerBatchId, int items) throws Exception {
    return baton.track(
        "openai",
        providerBatchId,
        IntStream.range(0, items).mapToObj(SimulatedBatch::customId).toList(),
        TOKEN);
  }

  private static long askedAbout(SimulatedProvider provider, String providerBatchId) {
    return provider.requests().stream().filter(r -> r.path().contains(providerBatchId)).count();
  }
}
