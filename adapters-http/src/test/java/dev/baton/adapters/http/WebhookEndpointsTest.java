package dev.baton.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.application.BatchTrackingService;
import dev.baton.application.BatchWebhookUrls;
import dev.baton.application.WebhookDeliveriesService;
import dev.baton.application.webhook.CompletionWebhooks;
import dev.baton.application.webhook.WebhookDestinationPolicy;
import dev.baton.domain.BatchStatus;
import dev.baton.domain.DeliveryAttempt;
import dev.baton.domain.DeliveryStatus;
import dev.baton.domain.WebhookDelivery;
import dev.baton.testsupport.fakes.InMemoryBatchStore;
import dev.baton.testsupport.fakes.SettableClock;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A batch's own webhook URL at {@code POST /v1/batches}, checked by the real destination rules, and
 * the deliveries endpoints over the real services and an in-memory store.
 */
class WebhookEndpointsTest {
  private final SettableClock clock = SettableClock.atEpochDay();
  private final InMemoryBatchStore store = new InMemoryBatchStore(clock, () -> 1);
  private final WebhookDestinationPolicy policy =
      new WebhookDestinationPolicy(
          false,
          host -> {
            throw new AssertionError("no name is resolved when a batch is tracked: " + host);
          });

  @RegisterExtension
  final RunningServer server =
      RunningServer.serving(
          new BatchTrackingService(store, clock, BatchWebhookUrls.checkedBy(policy)),
          new WebhookDeliveriesService(store, store, clock));

  private static String batch(String webhookUrl) {
    return "{\"provider\": \"openai\", \"providerBatchId\": \"batch_1\","
        + " \"items\": [{\"customId\": \"a\"}], \"webhookUrl\": "
        + webhookUrl
        + "}";
  }

  private void assertRefused(RunningServer.Reply reply, String detail) {
    reply.problem(400);
    assertThat(reply.jsonBody().get("field").textValue()).isEqualTo("webhookUrl");
    assertThat(reply.jsonBody().get("detail").textValue()).contains(detail);
    assertThat(store.list(Optional.empty(), 0, 10)).isEmpty();
  }

  @Test
  void aLiteralPrivateAddressIsRefusedWith400() {
    assertRefused(
        server.postJson("/v1/batches", batch("\"http://127.0.0.1:8080/hook\"")),
        "127.0.0.0/8 (loopback)");
    assertRefused(server.postJson("/v1/batches", batch("\"http://[fd00::1]/hook\"")), "fc00::/7");
    assertRefused(
        server.postJson("/v1/batches", batch("\"http://169.254.169.254/latest\"")),
        "169.254.0.0/16 (link-local)");
    assertRefused(
        server.postJson("/v1/batches", batch("\"http://localhost/hook\"")), "a loopback name");
  }

  @Test
  void userInformationOtherSchemesAndNonStringsAreRefused() {
    assertRefused(
        server.postJson("/v1/batches", batch("\"https://user:pw@hooks.example.com/\"")),
        "must not carry user information");
    assertRefused(
        server.postJson("/v1/batches", batch("\"file:///etc/passwd\"")),
        "must be an absolute http or https URL");
    assertRefused(server.postJson("/v1/batches", batch("42")), "must be a string");
  }

  @Test
  void aPublicUrlIsTakenAndItsDeliveriesListed() {
    RunningServer.Reply tracked =
        server.postJson("/v1/batches", batch("\"https://hooks.example.com/baton\""));
    assertThat(tracked.status()).isEqualTo(201);
    long id = tracked.jsonBody().get("id").longValue();
    assertThat(server.read("/v1/batches/" + id + "/deliveries").jsonBody().get("deliveries"))
        .isEmpty();

    store.completeBatch(
        1,
        id,
        List.of(),
        BatchStatus.COMPLETED,
        clock.now(),
        null,
        new CompletionWebhooks(Optional.of("https://global.example.com/"), Optional.empty()));
    WebhookDelivery delivery = store.forBatch(id).get(0);
    store.recordAttempt(
        1,
        new DeliveryAttempt(
            delivery.id(),
            clock.now(),
            503,
            "HTTP 503",
            DeliveryStatus.PENDING,
            clock.now().plusSeconds(5)));

    RunningServer.Reply listed = server.read("/v1/batches/" + id + "/deliveries");
    assertThat(listed.status()).isEqualTo(200);
    JsonNode only = listed.jsonBody().get("deliveries").get(0);
    assertThat(fieldNames(only))
        .containsExactly(
            "id",
            "eventId",
            "eventType",
            "url",
            "status",
            "attempts",
            "lastStatusCode",
            "lastError",
            "nextAttemptAt",
            "deliveredAt");
    assertThat(only.get("url").textValue()).isEqualTo("https://hooks.example.com/baton");
    assertThat(only.get("eventId").textValue()).isEqualTo(delivery.eventId());
    assertThat(only.get("eventType").textValue()).isEqualTo("batch.completed");
    assertThat(only.get("status").textValue()).isEqualTo("pending");
    assertThat(only.get("attempts").intValue()).isEqualTo(1);
    assertThat(only.get("lastStatusCode").intValue()).isEqualTo(503);
    assertThat(only.get("nextAttemptAt").textValue()).isEqualTo("2026-01-01T00:00:05.000Z");
    assertThat(only.get("deliveredAt").isNull()).isTrue();
  }

  @Test
  void theDeliveriesOfAnUnknownBatchAre404() {
    RunningServer.Reply reply = server.read("/v1/batches/77/deliveries");

    reply.problem(404);
    assertThat(reply.jsonBody().get("detail").textValue())
        .isEqualTo("No batch with id 77 is tracked.");
  }

  @Test
  void redeliveringNeedsTheAdminTokenAndMakesTheDeliveryDueNow() {
    long id =
        server
            .postJson("/v1/batches", batch("\"https://hooks.example.com/baton\""))
            .jsonBody()
            .get("id")
            .longValue();
    store.completeBatch(
        1,
        id,
        List.of(),
        BatchStatus.FAILED,
        clock.now(),
        null,
        new CompletionWebhooks(Optional.empty(), Optional.empty()));
    WebhookDelivery delivery = store.forBatch(id).get(0);
    store.recordAttempt(
        1,
        new DeliveryAttempt(
            delivery.id(), clock.now(), 410, "HTTP 410", DeliveryStatus.FAILED, null));
    String path = "/v1/deliveries/" + delivery.id() + "/redeliver";

    RunningServer.Reply anonymous =
        server.send(server.request(path).POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(store.findDelivery(delivery.id()).orElseThrow().status())
        .isEqualTo(DeliveryStatus.FAILED);

    RunningServer.Reply again = server.post(path);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.jsonBody().get("status").textValue()).isEqualTo("pending");
    assertThat(again.jsonBody().get("nextAttemptAt").textValue())
        .isEqualTo("2026-01-01T00:00:00.000Z");
    assertThat(server.post("/v1/deliveries/999/redeliver").status()).isEqualTo(404);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    Iterator<String> it = node.fieldNames();
    it.forEachRemaining(names::add);
    return names;
  }
}
