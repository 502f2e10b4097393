package dev.baton.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.application.webhook.CompletionWebhooks;
import dev.baton.application.webhook.SecretRedaction;
import dev.baton.application.webhook.StandardWebhooks;
import dev.baton.application.webhook.WebhookDestinationPolicy;
import dev.baton.application.webhook.WebhookSecret;
import dev.baton.domain.BatchStatus;
import dev.baton.domain.DeliveryStatus;
import dev.baton.domain.FencedOutException;
import dev.baton.domain.LlmBatchJob;
import dev.baton.domain.LlmProvider;
import dev.baton.domain.NewBatch;
import dev.baton.domain.WebhookDelivery;
import dev.baton.domain.port.WebhookSenderPort;
import dev.baton.testsupport.fakes.InMemoryBatchStore;
import dev.baton.testsupport.fakes.RecordingSchedulerEvents;
import dev.baton.testsupport.fakes.SettableClock;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeliverWebhooksJobTest {
  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final String URL = "https://hooks.example.com/baton";

  private final SettableClock clock = SettableClock.atEpochDay();
  private final AtomicLong term = new AtomicLong(1);
  private final InMemoryBatchStore store = new InMemoryBatchStore(clock, term::get);
  private final RecordingSchedulerEvents events = new RecordingSchedulerEvents();
  private final FakeSender sender = new FakeSender();
  private final ExecutorService sends = Executors.newFixedThreadPool(2);
  private final StandardWebhooks signer = new StandardWebhooks(WebhookSecret.parse(SECRET));
  private final List<InetAddress> resolved = new ArrayList<>(List.of(address(93, 184, 216, 34)));
  private final DeliverWebhooksJob job =
      new DeliverWebhooksJob(
          store,
          sender,
          signer,
          new WebhookDestinationPolicy(false, host -> List.copyOf(resolved)),
          // Jitter at its middle: every delay exactly as the schedule names it.
          new WebhookRetrySchedule(max -> max.dividedBy(2)),
          new SecretRedaction(List.of(SECRET)),
          sends,
          2,
          clock,
          events);

  /** Answers from a queue and keeps every request. */
  private static final class FakeSender implements WebhookSenderPort {
    final List<Map<String, String>> headers = new ArrayList<>();
    final List<byte[]> bodies = new ArrayList<>();
    final List<URI> destinations = new ArrayList<>();
    final Deque<Answer> answers = new ArrayDeque<>();

    @Override
    public synchronized Answer send(
        URI destination, Map<String, String> headers, byte[] body, Duration timeout) {
      assertThat(timeout).isEqualTo(Duration.ofSeconds(10));
      this.destinations.add(destination);
      this.headers.add(headers);
      this.bodies.add(body);
      return answers.isEmpty() ? Answer.status(200, Optional.empty()) : answers.poll();
    }
  }

  @AfterEach
  void stop() {
    sends.shutdownNow();
  }

  private static InetAddress address(int a, int b, int c, int d) {
    try {
      return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A batch completed now, with its webhook in the outbox. */
  private WebhookDelivery completedBatch(String url) {
    LlmBatchJob batch =
        store.create(new NewBatch(LlmProvider.OPENAI, "batch_1", List.of("a")), clock.now());
    store.completeBatch(
        term.get(),
        batch.id(),
        List.of(),
        BatchStatus.COMPLETED,
        clock.now(),
        null,
        new CompletionWebhooks(Optional.of(url), Optional.empty()));
    return store.forBatch(batch.id()).get(0);
  }

  private void runOnce() throws Exception {
    job.run(
        new JobTask.RunContext(1, DeliverWebhooksJob.NAME, "baton-self", term.get(), clock.now()));
  }

  private WebhookDelivery reread(WebhookDelivery delivery) {
    return store.findDelivery(delivery.id()).orElseThrow();
  }

  @Test
  void aDueDeliveryIsSentSignedAndRecordedDelivered() throws Exception {
    WebhookDelivery delivery = completedBatch(URL);
    assertThat(job.hasWork()).isTrue();

    runOnce();

    assertThat(sender.destinations).containsExactly(URI.create(URL));
    Map<String, String> headers = sender.headers.get(0);
    byte[] body = sender.bodies.get(0);
    assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo(delivery.payload());
    assertThat(headers).containsEntry("webhook-id", delivery.eventId());
    assertThat(headers).containsEntry("content-type", "application/json");
    assertThat(signer.verify(headers::get, body, clock.now()).verified()).isTrue();
    WebhookDelivery after = reread(delivery);
    assertThat(after.status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(after.attempts()).isEqualTo(1);
    assertThat(after.lastStatusCode()).isEqualTo(200);
    assertThat(after.deliveredAt()).isEqualTo(clock.now());
    assertThat(events.events()).contains("webhook delivered");
    assertThat(job.hasWork()).isFalse();
  }

  @Test
  void anErrorAnswerIsRetriedOnTheScheduleWithTheSameWebhookId() throws Exception {
    WebhookDelivery delivery = completedBatch(URL);
    sender.answers.add(WebhookSenderPort.Answer.status(503, Optional.empty()));
    sender.answers.add(WebhookSenderPort.Answer.status(500, Optional.empty()));
    Instant first = clock.now();

    runOnce();
    WebhookDelivery afterFirst = reread(delivery);
    assertThat(afterFirst.status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(afterFirst.lastStatusCode()).isEqualTo(503);
    assertThat(afterFirst.lastError()).isEqualTo("HTTP 503");
    assertThat(afterFirst.nextAttemptAt()).isEqualTo(first.plusSeconds(5));

    clock.advance(Duration.ofMillis(4999));
    assertThat(job.hasWork()).isFalse();
    clock.advance(Duration.ofMillis(1));
    assertThat(job.hasWork()).isTrue();
    runOnce();
    assertThat(reread(delivery).nextAttemptAt()).isEqualTo(first.plusSeconds(5 + 30));

    clock.advance(Duration.ofSeconds(30));
    runOnce();
    assertThat(reread(delivery).status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(reread(delivery).attempts()).isEqualTo(3);
    assertThat(sender.headers)
        .extracting(h -> h.get("webhook-id"))
        .containsOnly(delivery.eventId())
        .hasSize(3);
    assertThat(events.events())
        .containsSubsequence("webhook retried", "webhook retried", "webhook delivered");
  }

  @Test
  void retryAfterWinsOverTheSchedule() throws Exception {
    WebhookDelivery delivery = completedBatch(URL);
    sender.answers.add(WebhookSenderPort.Answer.status(429, Optional.of("120")));

    runOnce();

    assertThat(reread(delivery).nextAttemptAt()).isEqualTo(delivery.createdAt().plusSeconds(120));
  }

  @Test
  void goneFailsAtOnce() throws Exception {
    WebhookDelivery delivery = completedBatch(URL);
    sender.answers.add(WebhookSenderPort.Answer.status(410, Optional.empty()));

    runOnce();

    WebhookDelivery after = reread(delivery);
    assertThat(after.status()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(after.nextAttemptAt()).isNull();
    assertThat(after.lastStatusCode()).isEqualTo(410);
    assertThat(events.events()).contains("webhook failed");
  }

  @Test
  void aConnectionErrorIsRetriedAndItsMessageKeptWithoutSecrets() throws Exception {
    WebhookDelivery delivery = completedBatch(URL);
    sender.answers.add(WebhookSenderPort.Answer.noAnswer("connection refused by " + SECRET));

    runOnce();

    WebhookDelivery after = reread(delivery);
    assertThat(after.status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(after.lastStatusCode()).isNull();
    assertThat(after.lastError()).isEqualTo("connection refused by ****");
  }

  @Test
  void aNameResolvingToAPrivateAddressFailsAtOnceWithTheReason() throws Exception {
    WebhookDelivery delivery = completedBatch(URL);
    resolved.set(0, address(10, 1, 2, 3));

    runOnce();

    WebhookDelivery after = reread(delivery);
    assertThat(after.status()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(after.lastError())
        .startsWith("destination refused: host hooks.example.com resolves to 10.1.2.3");
    assertThat(sender.destinations).isEmpty();
  }

  @Test
  void aDeliveryFailsWhenItsDayIsOver() throws Exception {
    WebhookDelivery delivery = completedBatch(URL);
    sender.answers.add(WebhookSenderPort.Answer.status(502, Optional.empty()));
    clock.advance(Duration.ofHours(24));

    runOnce();

    WebhookDelivery after = reread(delivery);
    assertThat(after.status()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(after.lastError()).isEqualTo("HTTP 502; given up 24 h after the event");
  }

  @Test
  void aNewerTermStopsTheRunAndRecordsNothing() {
    WebhookDelivery delivery = completedBatch(URL);
    long old = term.get();
    term.incrementAndGet();

    assertThatThrownBy(
            () ->
                job.run(
                    new JobTask.RunContext(
                        1, DeliverWebhooksJob.NAME, "baton-self", old, clock.now())))
        .isInstanceOf(FencedOutException.class);
    assertThat(reread(delivery).attempts()).isZero();
  }
}
