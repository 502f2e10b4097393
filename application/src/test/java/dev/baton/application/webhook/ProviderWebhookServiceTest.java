package dev.baton.application.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.application.port.in.ProviderWebhookUseCase.Admission;
import dev.baton.application.port.in.ProviderWebhookUseCase.MalformedEventException;
import dev.baton.application.port.in.ProviderWebhookUseCase.ProviderEvent;
import dev.baton.application.port.in.ProviderWebhookUseCase.Receipt;
import dev.baton.domain.LlmBatchJob;
import dev.baton.domain.LlmProvider;
import dev.baton.domain.NewBatch;
import dev.baton.domain.ProviderWebhookOutcome;
import dev.baton.testsupport.fakes.InMemoryBatchStore;
import dev.baton.testsupport.fakes.InMemoryPollRequests;
import dev.baton.testsupport.fakes.RecordingSchedulerEvents;
import dev.baton.testsupport.fakes.SettableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ProviderWebhookServiceTest {
  private static final WebhookSecret SECRET =
      WebhookSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
  private final SettableClock clock = SettableClock.atEpochDay();
  private final InMemoryBatchStore store = new InMemoryBatchStore(clock, () -> 1L);
  private final InMemoryPollRequests inbox = new InMemoryPollRequests(store, () -> 1L);
  private final RecordingSchedulerEvents events = new RecordingSchedulerEvents();
  private final ProviderWebhookService service =
      new ProviderWebhookService(Map.of(LlmProvider.OPENAI, SECRET), inbox, clock, events);
  private final StandardWebhooks signer = new StandardWebhooks(SECRET);

  /** Reads "type batchId" bodies: the JSON is the HTTP adapter's business. */
  private static final Function<byte[], ProviderEvent> READ =
      body -> {
        String[] parts = new String(body, StandardCharsets.UTF_8).split(" ");
        if (parts.length == 0 || parts[0].isBlank()) {
          throw new MalformedEventException("the body is empty");
        }
        return new ProviderEvent(parts[0], parts.length > 1 ? parts[1] : null);
      };

  private Receipt send(String webhookId, Instant signedAt, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers = signer.sign(webhookId, signedAt, bytes).asMap();
    return service.receive(LlmProvider.OPENAI, headers::get, bytes, READ);
  }

  private LlmBatchJob track(String providerBatchId) {
    return store.create(
        new NewBatch(LlmProvider.OPENAI, providerBatchId, List.of("item")), clock.now());
  }

  @Test
  void theSpecificationsTestVectorVerifies() {
    clock.set(Instant.ofEpochSecond(1614265330));
    Map<String, String> headers =
        Map.of(
            "webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek",
            "webhook-timestamp", "1614265330",
            "webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");

    Receipt receipt =
        service.receive(
            LlmProvider.OPENAI,
            headers::get,
            "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8),
            body -> new ProviderEvent("test", null));

    assertThat(receipt.outcome()).isEqualTo(ProviderWebhookOutcome.IGNORED_TYPE);
    assertThat(events.events()).containsExactly("webhook openai ignored_type");
  }

  @Test
  void aBatchEventAsksForThePollOnceAndItsReplayChangesNothing() {
    LlmBatchJob batch = track("batch_1");

    Receipt first = send("msg_1", clock.now(), "batch.completed batch_1");
    inbox.clearPollRequest(1, batch.id(), clock.now());
    Receipt replay = send("msg_1", clock.now().plusSeconds(10), "batch.completed batch_1");

    assertThat(first.outcome()).isEqualTo(ProviderWebhookOutcome.ACCEPTED);
    assertThat(replay.outcome()).isEqualTo(ProviderWebhookOutcome.REPLAYED);
    assertThat(inbox.requestedPolls(10)).isEmpty();
    assertThat(events.events())
        .containsExactly("webhook openai accepted", "webhook openai replayed");
  }

  @Test
  void anEventForAnUntrackedBatchIsAnsweredAndCounted() {
    assertThat(send("msg_1", clock.now(), "batch.failed batch_x").outcome())
        .isEqualTo(ProviderWebhookOutcome.UNKNOWN_BATCH);
  }

  @Test
  void aForgedOrStaleWebhookRecordsNothing() {
    track("batch_1");
    byte[] body = "batch.completed batch_1".getBytes(StandardCharsets.UTF_8);
    Map<String, String> forged =
        new StandardWebhooks(WebhookSecret.generate()).sign("msg_1", clock.now(), body).asMap();
    Map<String, String> unsigned = Map.of("webhook-id", "msg_1", "webhook-timestamp", "1");

    assertThat(service.receive(LlmProvider.OPENAI, forged::get, body, READ).outcome())
        .isEqualTo(ProviderWebhookOutcome.BAD_SIGNATURE);
    assertThat(service.receive(LlmProvider.OPENAI, unsigned::get, body, READ).outcome())
        .isEqualTo(ProviderWebhookOutcome.BAD_SIGNATURE);
    assertThat(send("msg_1", clock.now().minusSeconds(301), "batch.completed batch_1").outcome())
        .isEqualTo(ProviderWebhookOutcome.STALE_TIMESTAMP);
    assertThat(send("msg_1", clock.now().plusSeconds(301), "batch.completed batch_1").outcome())
        .isEqualTo(ProviderWebhookOutcome.STALE_TIMESTAMP);

    assertThat(inbox.requestedPolls(10)).isEmpty();
    // None of them took the id: the genuine webhook is still new.
    assertThat(send("msg_1", clock.now(), "batch.completed batch_1").outcome())
        .isEqualTo(ProviderWebhookOutcome.ACCEPTED);
  }

  @Test
  void aBodyThatIsNoEventOrABatchEventWithoutABatchIsMalformed() {
    assertThat(send("msg_1", clock.now(), " ").outcome())
        .isEqualTo(ProviderWebhookOutcome.MALFORMED);
    assertThat(send("msg_2", clock.now(), "batch.expired").outcome())
        .isEqualTo(ProviderWebhookOutcome.MALFORMED);
  }

  @Test
  void otherEventTypesAreIgnored() {
    track("batch_1");

    assertThat(send("msg_1", clock.now(), "response.completed batch_1").outcome())
        .isEqualTo(ProviderWebhookOutcome.IGNORED_TYPE);
    assertThat(inbox.requestedPolls(10)).isEmpty();
  }

  @Test
  void admissionIsRateLimitedAndRefilledWithTime() {
    for (int i = 0; i < ProviderWebhookService.BURST; i++) {
      assertThat(service.admit(LlmProvider.OPENAI)).isEqualTo(Admission.ADMITTED);
    }
    assertThat(service.admit(LlmProvider.OPENAI)).isEqualTo(Admission.RATE_LIMITED);

    clock.advance(Duration.ofSeconds(1));
    for (int i = 0; i < ProviderWebhookService.PER_SECOND; i++) {
      assertThat(service.admit(LlmProvider.OPENAI)).isEqualTo(Admission.ADMITTED);
    }
    assertThat(service.admit(LlmProvider.OPENAI)).isEqualTo(Admission.RATE_LIMITED);
  }

  @Test
  void aProviderWithoutASecretIsNotAdmitted() {
    assertThat(service.admit(LlmProvider.ANTHROPIC)).isEqualTo(Admission.NOT_CONFIGURED);
  }

  @Test
  void idsOlderThanSeventyTwoHoursAreForgotten() {
    track("batch_1");
    send("msg_1", clock.now(), "batch.completed batch_1");
    clock.advance(Duration.ofHours(72).plusMinutes(1));

    send("msg_2", clock.now(), "batch.completed batch_1");

    assertThat(send("msg_1", clock.now(), "batch.completed batch_1").outcome())
        .isEqualTo(ProviderWebhookOutcome.ACCEPTED);
  }
}
