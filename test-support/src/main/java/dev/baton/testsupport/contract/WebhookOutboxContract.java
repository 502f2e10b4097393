package dev.baton.testsupport.contract;

import static dev.baton.testsupport.contract.BatchTrackingPortContract.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.domain.BatchCompletion;
import dev.baton.domain.BatchStatus;
import dev.baton.domain.DeliveryAttempt;
import dev.baton.domain.DeliveryStatus;
import dev.baton.domain.FencedOutException;
import dev.baton.domain.LlmBatchJob;
import dev.baton.domain.LlmProvider;
import dev.baton.domain.NewBatch;
import dev.baton.domain.NewWebhookDelivery;
import dev.baton.domain.WebhookDelivery;
import dev.baton.domain.WebhookEvents;
import dev.baton.domain.port.BatchPollerPort;
import dev.baton.domain.port.BatchTrackingPort;
import dev.baton.domain.port.WebhookDeliveryPort;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every backend's webhook outbox must do: a delivery is written in the transaction that stores
 * a batch's final status and in no other, once per batch, event and URL; the delivery job's writes
 * are fenced. A backend's test class extends this one; each test starts on an empty store.
 */
public abstract class WebhookOutboxContract {
  private static final Instant T0 = Instant.parse("2026-11-27T00:41:08.123Z");
  private static final String ENDED = "{\"processing_status\": \"ended\"}";
  private static final String PAYLOAD = "{\"type\": \"batch.completed\"}";

  protected abstract BatchTrackingPort tracking();

  protected abstract BatchPollerPort poller();

  /** The outbox on the same store. */
  protected abstract WebhookDeliveryPort deliveries();

  protected abstract long grantNewTerm();

  /** Announces every completion to {@code url}, and keeps what it was asked about. */
  private static final class RecordingEvents implements WebhookEvents {
    final List<BatchCompletion> seen = new ArrayList<>();
    private final String url;

    RecordingEvents(String url) {
      this.url = url;
    }

    @Override
    public Optional<NewWebhookDelivery> deliveryFor(BatchCompletion completion) {
      seen.add(completion);
      long id = completion.batch().batch().id();
      return Optional.of(
          new NewWebhookDelivery(
              "msg_" + id,
              completion.webhookUrl().orElse(url),
              NewWebhookDelivery.eventType(completion.batch().batch().status()),
              PAYLOAD));
    }
  }

  private LlmBatchJob create(String providerBatchId, Optional<String> webhookUrl) {
    return tracking()
        .create(
            new NewBatch(LlmProvider.ANTHROPIC, providerBatchId, List.of("a", "b"), webhookUrl),
            T0.minusSeconds(60));
  }

  @Test
  void theFinalStatusWritesOnePendingDeliveryDueAtOnce() {
    LlmBatchJob job = create("b1", Optional.empty());
    RecordingEvents events = new RecordingEvents("https://hooks.example.com/baton");

    poller()
        .completeBatch(
            grantNewTerm(),
            job.id(),
            List.of(result("a", BatchStatus.COMPLETED), result("b", BatchStatus.FAILED)),
            BatchStatus.COMPLETED,
            T0,
            ENDED,
            events);

    assertThat(deliveries().forBatch(job.id()))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.eventId()).isEqualTo("msg_" + job.id());
              assertThat(d.url()).isEqualTo("https://hooks.example.com/baton");
              assertThat(d.eventType()).isEqualTo("batch.completed");
              assertThat(d.payload()).isEqualTo(PAYLOAD);
              assertThat(d.status()).isEqualTo(DeliveryStatus.PENDING);
              assertThat(d.attempts()).isZero();
              assertThat(d.nextAttemptAt()).isEqualTo(T0);
              assertThat(d.createdAt()).isEqualTo(T0);
              assertThat(d.lastAttemptAt()).isNull();
              assertThat(d.deliveredAt()).isNull();
            });
    assertThat(deliveries().due(T0, 10)).extracting(WebhookDelivery::batchId).contains(job.id());
    assertThat(deliveries().due(T0.minusMillis(1), 10)).isEmpty();
    assertThat(deliveries().countPending()).isEqualTo(1);
  }

  @Test
  void theEventsSeeTheBatchWithItsFinalStatusAllItsItemsAndItsOwnUrl() {
    LlmBatchJob job = create("b1", Optional.of("https://own.example.com/hook"));
    RecordingEvents events = new RecordingEvents("https://global.example.com/hook");

    poller()
        .completeBatch(
            grantNewTerm(),
            job.id(),
            List.of(result("a", BatchStatus.COMPLETED), result("b", BatchStatus.FAILED)),
            BatchStatus.FAILED,
            T0,
            ENDED,
            events);

    BatchCompletion seen = events.seen.get(0);
    assertThat(seen.batch().batch().status()).isEqualTo(BatchStatus.FAILED);
    assertThat(seen.batch().batch().completedAt()).isEqualTo(T0);
    assertThat(seen.batch().itemCounts())
        .isEqualTo(Map.of(BatchStatus.COMPLETED, 1L, BatchStatus.FAILED, 1L));
    assertThat(seen.webhookUrl()).contains("https://own.example.com/hook");
    assertThat(deliveries().forBatch(job.id()))
        .extracting(WebhookDelivery::url, WebhookDelivery::eventType)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("https://own.example.com/hook", "batch.failed"));
  }

  @Test
  void withoutWebhooksNothingIsWritten() {
    LlmBatchJob job = create("b1", Optional.empty());

    poller().completeBatch(grantNewTerm(), job.id(), List.of(), BatchStatus.EXPIRED, T0, ENDED);

    assertThat(deliveries().forBatch(job.id())).isEmpty();
    assertThat(deliveries().countPending()).isZero();
  }

  @Test
  void aBatchCompletesOnceAndHasOneDelivery() {
    LlmBatchJob job = create("b1", Optional.empty());
    RecordingEvents events = new RecordingEvents("https://hooks.example.com/baton");
    long term = grantNewTerm();
    poller().completeBatch(term, job.id(), List.of(), BatchStatus.COMPLETED, T0, ENDED, events);

    assertThatThrownBy(
            () ->
                poller()
                    .completeBatch(
                        term,
                        job.id(),
                        List.of(),
                        BatchStatus.COMPLETED,
                        T0.plusSeconds(1),
                        ENDED,
                        events))
        .isInstanceOf(IllegalStateException.class);
    assertThat(deliveries().forBatch(job.id())).hasSize(1);
  }

  @Test
  void aCompletionUnderAnOlderTermWritesNoDelivery() {
    LlmBatchJob job = create("b1", Optional.empty());
    long old = grantNewTerm();
    grantNewTerm();

    assertThatThrownBy(
            () ->
                poller()
                    .completeBatch(
                        old,
                        job.id(),
                        List.of(),
                        BatchStatus.COMPLETED,
                        T0,
                        ENDED,
                        new RecordingEvents("https://hooks.example.com/baton")))
        .isInstanceOf(FencedOutException.class);
    assertThat(deliveries().forBatch(job.id())).isEmpty();
  }

  @Test
  void aDeliveryThatCannotBeBuiltLeavesTheBatchRunning() {
    LlmBatchJob job = create("b1", Optional.empty());
    WebhookEvents broken =
        completion -> {
          throw new IllegalStateException("no payload");
        };

    assertThatThrownBy(
            () ->
                poller()
                    .completeBatch(
                        grantNewTerm(),
                        job.id(),
                        List.of(result("a", BatchStatus.COMPLETED)),
                        BatchStatus.COMPLETED,
                        T0,
                        ENDED,
                        broken))
        .hasMessageContaining("no payload");
    assertThat(tracking().find(job.id()).orElseThrow().batch().status())
        .isEqualTo(BatchStatus.RUNNING);
    assertThat(tracking().find(job.id()).orElseThrow().itemCounts())
        .isEqualTo(Map.of(BatchStatus.CREATED, 2L));
  }

  @Test
  void aFailedAttemptKeepsItPendingUntilItsNextAttempt() {
    WebhookDelivery delivery = completed("b1");
    long term = grantNewTerm();

    deliveries()
        .recordAttempt(
            term,
            new DeliveryAttempt(
                delivery.id(),
                T0.plusSeconds(1),
                503,
                "HTTP 503",
                DeliveryStatus.PENDING,
                T0.plusSeconds(6)));

    WebhookDelivery after = deliveries().findDelivery(delivery.id()).orElseThrow();
    assertThat(after.status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(after.attempts()).isEqualTo(1);
    assertThat(after.lastAttemptAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(after.lastStatusCode()).isEqualTo(503);
    assertThat(after.lastError()).isEqualTo("HTTP 503");
    assertThat(after.nextAttemptAt()).isEqualTo(T0.plusSeconds(6));
    assertThat(deliveries().due(T0.plusSeconds(5), 10)).isEmpty();
    assertThat(deliveries().due(T0.plusSeconds(6), 10)).hasSize(1);
  }

  @Test
  void aDeliveredOneIsNoLongerDueOrPending() {
    WebhookDelivery delivery = completed("b1");

    deliveries()
        .recordAttempt(
            grantNewTerm(),
            new DeliveryAttempt(
                delivery.id(), T0.plusSeconds(2), 204, null, DeliveryStatus.DELIVERED, null));

    WebhookDelivery after = deliveries().findDelivery(delivery.id()).orElseThrow();
    assertThat(after.status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(after.deliveredAt()).isEqualTo(T0.plusSeconds(2));
    assertThat(after.nextAttemptAt()).isNull();
    assertThat(after.lastStatusCode()).isEqualTo(204);
    assertThat(deliveries().due(T0.plus(Duration.ofDays(2)), 10)).isEmpty();
    assertThat(deliveries().countPending()).isZero();
  }

  @Test
  void anAttemptUnderAnOlderTermIsNotRecorded() {
    WebhookDelivery delivery = completed("b1");
    long old = grantNewTerm();
    grantNewTerm();

    assertThatThrownBy(
            () ->
                deliveries()
                    .recordAttempt(
                        old,
                        new DeliveryAttempt(
                            delivery.id(),
                            T0.plusSeconds(1),
                            200,
                            null,
                            DeliveryStatus.DELIVERED,
                            null)))
        .isInstanceOf(FencedOutException.class);
    assertThat(deliveries().findDelivery(delivery.id()).orElseThrow().status())
        .isEqualTo(DeliveryStatus.PENDING);
  }

  @Test
  void dueDeliveriesComeOldestFirstUpToTheLimit() {
    WebhookDelivery first = completed("b1");
    WebhookDelivery second = completed("b2");
    WebhookDelivery third = completed("b3");
    deliveries()
        .recordAttempt(
            grantNewTerm(),
            new DeliveryAttempt(
                first.id(),
                T0.plusSeconds(1),
                500,
                "HTTP 500",
                DeliveryStatus.PENDING,
                T0.plusSeconds(30)));

    assertThat(deliveries().due(T0.plusSeconds(60), 2))
        .extracting(WebhookDelivery::id)
        .containsExactly(second.id(), third.id());
    assertThat(deliveries().countPending()).isEqualTo(3);
  }

  @Test
  void aFailedDeliveryCanBeRedelivered() {
    WebhookDelivery delivery = completed("b1");
    deliveries()
        .recordAttempt(
            grantNewTerm(),
            new DeliveryAttempt(
                delivery.id(), T0.plusSeconds(1), 410, "HTTP 410", DeliveryStatus.FAILED, null));

    Optional<WebhookDelivery> again = deliveries().redeliver(delivery.id(), T0.plusSeconds(90));

    assertThat(again).isPresent();
    assertThat(again.get().status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(again.get().nextAttemptAt()).isEqualTo(T0.plusSeconds(90));
    assertThat(again.get().attempts()).isEqualTo(1);
    assertThat(deliveries().due(T0.plusSeconds(90), 10))
        .extracting(WebhookDelivery::id)
        .containsExactly(delivery.id());
    assertThat(deliveries().redeliver(delivery.id() + 1000, T0)).isEmpty();
  }

  /** A batch completed with one pending delivery. */
  private WebhookDelivery completed(String providerBatchId) {
    LlmBatchJob job = create(providerBatchId, Optional.empty());
    poller()
        .completeBatch(
            grantNewTerm(),
            job.id(),
            List.of(),
            BatchStatus.COMPLETED,
            T0,
            ENDED,
            new RecordingEvents("https://hooks.example.com/baton"));
    return deliveries().forBatch(job.id()).get(0);
  }
}
