package dev.baton.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.application.webhook.StandardWebhooks;
import dev.baton.application.webhook.WebhookSecret;
import dev.baton.domain.LlmBatchJob;
import dev.baton.domain.LlmProvider;
import dev.baton.domain.NewBatch;
import dev.baton.domain.PollRequest;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code POST /v1/providers/openai/webhooks}: every answer, over real HTTP. */
class OpenAiWebhookEndpointTest {
  private static final String PATH = "/v1/providers/openai/webhooks";

  @RegisterExtension final RunningServer server = new RunningServer();

  private final StandardWebhooks openAi = new StandardWebhooks(RunningServer.OPENAI_WEBHOOK_SECRET);

  private static String event(String type, String batchId) {
    return "{\"id\": \"evt_1\", \"object\": \"event\", \"created_at\": 1764367200, \"type\": \""
        + type
        + "\", \"data\": {\"id\": \""
        + batchId
        + "\"}}";
  }

  private RunningServer.Reply deliver(Map<String, String> headers, String body) {
    HttpRequest.Builder request =
        server
            .request(PATH)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return server.send(request);
  }

  private RunningServer.Reply signed(String webhookId, Instant at, String body) {
    return deliver(openAi.sign(webhookId, at, body.getBytes(StandardCharsets.UTF_8)).asMap(), body);
  }

  private LlmBatchJob track(String batchId) {
    return server.webhookBatches.create(
        new NewBatch(LlmProvider.OPENAI, batchId, List.of("item-1")), server.clock.now());
  }

  @Test
  void aSignedBatchEventAsksForThePollWithoutABearerToken() {
    LlmBatchJob batch = track("batch_abc");

    RunningServer.Reply reply =
        signed("msg_1", server.clock.now(), event("batch.completed", "batch_abc"));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.jsonBody().get("outcome").asText()).isEqualTo("accepted");
    assertThat(server.pollRequests.requestedPolls(10))
        .extracting(request -> request.batch().id())
        .containsExactly(batch.id());
    assertThat(server.events.events()).containsExactly("webhook openai accepted");
  }

  @Test
  void theSpecificationsTestVectorIsVerifiedAndItsTypeIgnored() {
    server.clock.set(Instant.ofEpochSecond(1614265330));

    RunningServer.Reply reply =
        deliver(
            Map.of(
                "webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                "webhook-timestamp", "1614265330",
                "webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="),
            "{\"test\": 2432232314}");

    // Verified, then read: a JSON object without a type is no event.
    reply.problem(400);
    assertThat(server.events.events()).containsExactly("webhook openai malformed");
  }

  @Test
  void aReplayIsAnswered200AndChangesNothing() {
    LlmBatchJob batch = track("batch_abc");
    String body = event("batch.completed", "batch_abc");
    signed("msg_1", server.clock.now(), body);
    PollRequest request = server.pollRequests.requestedPolls(10).get(0);
    server.pollRequests.clearPollRequest(1, batch.id(), request.requestedAt());

    RunningServer.Reply replay = signed("msg_1", server.clock.now().plusSeconds(5), body);

    assertThat(replay.status()).isEqualTo(200);
    assertThat(replay.jsonBody().get("outcome").asText()).isEqualTo("replayed");
    assertThat(server.pollRequests.requestedPolls(10)).isEmpty();
  }

  @Test
  void anUnknownBatchAndAnotherEventTypeAreAnswered200() {
    RunningServer.Reply unknown =
        signed("msg_1", server.clock.now(), event("batch.failed", "batch_nobody_tracks"));
    RunningServer.Reply otherType =
        signed("msg_2", server.clock.now(), event("response.completed", "resp_1"));

    assertThat(unknown.status()).isEqualTo(200);
    assertThat(unknown.jsonBody().get("outcome").asText()).isEqualTo("unknown_batch");
    assertThat(otherType.status()).isEqualTo(200);
    assertThat(otherType.jsonBody().get("outcome").asText()).isEqualTo("ignored_type");
  }

  @Test
  void aMissingOrWrongSignatureIs401AndRecordsNothing() {
    track("batch_abc");
    String body = event("batch.completed", "batch_abc");
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    Map<String, String> forged =
        new StandardWebhooks(WebhookSecret.generate())
            .sign("msg_1", server.clock.now(), bytes)
            .asMap();

    RunningServer.Reply unsigned = deliver(Map.of(), body);
    RunningServer.Reply wrong = deliver(forged, body);
    RunningServer.Reply withAdminToken =
        deliver(Map.of("Authorization", "Bearer " + RunningServer.ADMIN_TOKEN), body);

    for (RunningServer.Reply reply : List.of(unsigned, wrong, withAdminToken)) {
      reply.problem(401);
      assertThat(reply.jsonBody().get("type").asText())
          .isEqualTo(OpenAiWebhookHandler.REFUSED_TYPE);
    }
    assertThat(server.pollRequests.requestedPolls(10)).isEmpty();
    assertThat(server.events.count("webhook openai bad_signature")).isEqualTo(3);
  }

  @Test
  void aTimestampMoreThanFiveMinutesAwayIs401() {
    track("batch_abc");
    String body = event("batch.completed", "batch_abc");

    RunningServer.Reply old = signed("msg_1", server.clock.now().minusSeconds(301), body);
    RunningServer.Reply future = signed("msg_2", server.clock.now().plusSeconds(301), body);
    RunningServer.Reply edge = signed("msg_3", server.clock.now().minusSeconds(300), body);

    assertThat(old.status()).isEqualTo(401);
    assertThat(old.jsonBody().get("detail").asText()).contains("webhook-timestamp");
    assertThat(future.status()).isEqualTo(401);
    assertThat(edge.status()).isEqualTo(200);
    assertThat(server.events.count("webhook openai stale_timestamp")).isEqualTo(2);
  }

  @Test
  void aSignedBodyThatIsNotAnEventIs400() {
    RunningServer.Reply notJson = signed("msg_1", server.clock.now(), "batch.completed");
    RunningServer.Reply noBatch =
        signed("msg_2", server.clock.now(), "{\"type\": \"batch.completed\", \"data\": {}}");

    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.jsonBody().get("detail").asText()).contains("not JSON");
    assertThat(noBatch.status()).isEqualTo(400);
    assertThat(noBatch.jsonBody().get("detail").asText()).contains("data.id");
  }

  @Test
  void aBodyOverTheLimitIs413() {
    String body = "{\"type\": \"" + "x".repeat((int) OpenAiWebhookHandler.MAX_BODY_BYTES) + "\"}";

    RunningServer.Reply reply = signed("msg_1", server.clock.now(), body);

    reply.problem(413);
  }

  @Test
  void overTheRateLimitTheAnswerIs429WithRetryAfter() {
    String body = event("batch.completed", "batch_nobody_tracks");
    int refused = 0;
    String retryAfter = null;
    for (int i = 0; i < 60; i++) {
      RunningServer.Reply reply = signed("msg_" + i, server.clock.now(), body);
      if (reply.status() == 429) {
        refused++;
        retryAfter = reply.header("Retry-After");
      }
    }

    assertThat(refused).isEqualTo(10);
    assertThat(retryAfter).isEqualTo("1");
    server.clock.advance(Duration.ofSeconds(1));
    assertThat(signed("msg_again", server.clock.now(), body).status()).isEqualTo(200);
  }

  @Nested
  class WithoutASecret {
    @RegisterExtension final RunningServer bare = RunningServer.withoutWebhookSecrets();

    @Test
    void theEndpointAnswers404NamingTheKey() {
      RunningServer.Reply reply =
          bare.send(
              bare.request(PATH)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(event("batch.completed", "b"))));

      assertThat(reply.status()).isEqualTo(404);
      assertThat(reply.jsonBody().get("detail").asText()).contains("BATON_OPENAI_WEBHOOK_SECRET");
    }
  }
}
