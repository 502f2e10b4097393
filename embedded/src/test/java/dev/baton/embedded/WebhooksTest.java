package dev.baton.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.baton.simulator.SimulatedBatch;
import dev.baton.simulator.SimulatedProvider;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library's completion webhooks, sent to a receiver that checks them as the spec says. */
class WebhooksTest {
  /** The Standard Webhooks specification's example secret. */
  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path directory;

  /** One request as the receiver saw it, and whether its signature matched. */
  record Received(String webhookId, String body, boolean verified) {}

  @Test
  void aBatchThatEndsIsAnnouncedSignedAndRetriedUnderOneWebhookId() throws Exception {
    List<Received> received = new CopyOnWriteArrayList<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hooks",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          String id = exchange.getRequestHeaders().getFirst("webhook-id");
          received.add(
              new Received(
                  id,
                  new String(body, StandardCharsets.UTF_8),
                  verified(
                      id,
                      exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                      exchange.getRequestHeaders().getFirst("webhook-signature"),
                      body)));
          // The first attempt is refused: the second must carry the same webhook-id.
          exchange.sendResponseHeaders(received.size() == 1 ? 503 : 204, -1);
          exchange.close();
        });
    receiver.start();
    try (SimulatedProvider provider =
            new SimulatedProvider("a-key", "o-key")
                .add(SimulatedBatch.anthropic("msgbatch_1").endsAfterPolls(1).items(2).build())
                .start();
        Baton baton =
            Baton.builder()
                .sqlite(directory.resolve("app.db"))
                .llmBatches(
                    LlmBatches.polling()
                        .anthropic("a-key", URI.create(provider.anthropicBaseUrl()))
                        .every(Duration.ofMillis(200))
                        .jitter(Duration.ZERO))
                .webhooks("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks", SECRET)
                .start()) {
      long id = baton.trackBatch("anthropic", "msgbatch_1", List.of("request-0", "request-1"));

      await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 2);

      assertThat(received).allMatch(Received::verified);
      assertThat(received)
          .extracting(Received::webhookId)
          .containsOnly(received.get(0).webhookId());
      JsonNode event = JSON.readTree(received.get(1).body());
      assertThat(event.get("type").asText()).isEqualTo("batch.completed");
      assertThat(event.at("/data/id").asLong()).isEqualTo(id);
      assertThat(event.at("/data/providerBatchId").asText()).isEqualTo("msgbatch_1");
      assertThat(event.at("/data/itemsUrl").asText()).isEqualTo("/v1/batches/" + id + "/items");
    } finally {
      receiver.stop(0);
    }
  }

  @Test
  void theUrlAndTheSecretAreCheckedWhenGiven() {
    assertThatThrownBy(() -> Baton.builder().webhooks("ftp://example.com/hooks", SECRET))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("webhook URL");
    assertThatThrownBy(() -> Baton.builder().webhooks("https://example.com/hooks", "secret"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("whsec_");
    assertThatThrownBy(
            () ->
                Baton.builder()
                    .sqlite(directory.resolve("x.db"))
                    .job("noop", Schedule.every(Duration.ofMinutes(1)), run -> {})
                    .webhooks("https://example.com/hooks", SECRET)
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("webhooks(...) needs llmBatches(...)");
  }

  /** The check a receiver makes, written from the specification, not with Baton's code. */
  private static boolean verified(String id, String timestamp, String signatures, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(
          new SecretKeySpec(
              Base64.getDecoder().decode(SECRET.substring("whsec_".length())), "HmacSHA256"));
      mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
      byte[] expected =
          ("v1," + Base64.getEncoder().encodeToString(mac.doFinal(body)))
              .getBytes(StandardCharsets.UTF_8);
      for (String signature : signatures.split(" ")) {
        if (MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8))) {
          return true;
        }
      }
      return false;
    } catch (Exception e) {
      return false;
    }
  }
}
