package dev.baton.testsupport.fakes;

import dev.baton.domain.BatchCompletion;
import dev.baton.domain.BatchPollUpdate;
import dev.baton.domain.BatchStatus;
import dev.baton.domain.DeliveryAttempt;
import dev.baton.domain.DeliveryStatus;
import dev.baton.domain.DuplicateBatchException;
import dev.baton.domain.FencedOutException;
import dev.baton.domain.ItemResultUpdate;
import dev.baton.domain.LlmBatchItem;
import dev.baton.domain.LlmBatchJob;
import dev.baton.domain.NewBatch;
import dev.baton.domain.NewWebhookDelivery;
import dev.baton.domain.TrackedBatch;
import dev.baton.domain.WebhookDelivery;
import dev.baton.domain.WebhookEvents;
import dev.baton.domain.port.BatchPollerPort;
import dev.baton.domain.port.BatchTrackingPort;
import dev.baton.domain.port.ClockPort;
import dev.baton.domain.port.WebhookDeliveryPort;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.LongSupplier;

/** Batch storage and the webhook outbox in memory, their writes fenced against a term supplier. */
public final class InMemoryBatchStore
    implements BatchTrackingPort, BatchPollerPort, WebhookDeliveryPort {
  private final ClockPort clock;
  private final LongSupplier currentTerm;
  private final Map<Long, LlmBatchJob> batches = new LinkedHashMap<>();
  private final Map<Long, Instant> resultsUnavailableSince = new HashMap<>();
  private final Map<Long, Map<String, LlmBatchItem>> items = new LinkedHashMap<>();
  private final Map<Long, String> webhookUrls = new LinkedHashMap<>();
  private final Map<Long, WebhookDelivery> deliveries = new LinkedHashMap<>();
  private long nextDeliveryId = 1;
  private long nextBatchId = 1;
  private long nextItemId = 1;
  private Runnable whileRecordingPolls = () -> {};

  public InMemoryBatchStore(ClockPort clock, LongSupplier currentTerm) {
    this.clock = clock;
    this.currentTerm = currentTerm;
  }

  /** Runs {@code action} inside each {@link #recordPolls}, as a slow database would take time. */
  public synchronized void whileRecordingPolls(Runnable action) {
    whileRecordingPolls = action;
  }

  private void fence(long term, String operation) {
    long current = currentTerm.getAsLong();
    if (current != term) {
      throw new FencedOutException(operation, term, current);
    }
  }

  public synchronized LlmBatchJob batchOf(long id) {
    return batches.get(id);
  }

  public synchronized List<LlmBatchItem> itemsOf(long batchId) {
    return List.copyOf(items.get(batchId).values());
  }

  @Override
  public synchronized LlmBatchJob create(NewBatch batch, Instant createdAt) {
    for (LlmBatchJob known : batches.values()) {
      if (known.provider() == batch.provider()
          && known.providerBatchId().equals(batch.providerBatchId())) {
        throw new DuplicateBatchException(batch.provider(), batch.providerBatchId());
      }
    }
    LlmBatchJob job =
        new LlmBatchJob(
            nextBatchId++,
            batch.provider(),
            batch.providerBatchId(),
            BatchStatus.RUNNING,
            createdAt,
            null,
            null,
            null,
            null);
    batches.put(job.id(), job);
    batch.webhookUrl().ifPresent(url -> webhookUrls.put(job.id(), url));
    Map<String, LlmBatchItem> rows = new LinkedHashMap<>();
    for (String customId : batch.customIds()) {
      rows.put(
          customId,
          new LlmBatchItem(nextItemId++, job.id(), customId, BatchStatus.CREATED, null, createdAt));
    }
    items.put(job.id(), rows);
    return job;
  }

  @Override
  public synchronized Optional<TrackedBatch> find(long batchId) {
    LlmBatchJob job = batches.get(batchId);
    if (job == null) {
      return Optional.empty();
    }
    Map<BatchStatus, Long> counts = new EnumMap<>(BatchStatus.class);
    for (LlmBatchItem item : items.get(batchId).values()) {
      counts.merge(item.requestStatus(), 1L, Long::sum);
    }
    return Optional.of(new TrackedBatch(job, counts));
  }

  @Override
  public synchronized Map<BatchStatus, Long> countByStatus() {
    Map<BatchStatus, Long> counts = new EnumMap<>(BatchStatus.class);
    batches.values().forEach(job -> counts.merge(job.status(), 1L, Long::sum));
    return counts;
  }

  @Override
  public synchronized List<LlmBatchJob> list(
      Optional<BatchStatus> status, long afterId, int limit) {
    return batches.values().stream()
        .filter(job -> job.id() > afterId)
        .filter(job -> status.map(s -> s == job.status()).orElse(true))
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized List<LlmBatchItem> items(long batchId, long afterId, int limit) {
    return items.getOrDefault(batchId, Map.of()).values().stream()
        .filter(item -> item.id() > afterId)
        .sorted(Comparator.comparingLong(LlmBatchItem::id))
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized List<LlmBatchJob> listRunningBatches(
      Instant createdAfter, OptionalInt limit) {
    return batches.values().stream()
        .filter(job -> job.status() == BatchStatus.RUNNING)
        .filter(job -> job.createdAt().isAfter(createdAfter))
        .sorted(
            Comparator.comparing(
                    LlmBatchJob::lastPolledAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparingLong(LlmBatchJob::id))
        .limit(limit.isPresent() ? limit.getAsInt() : Long.MAX_VALUE)
        .toList();
  }

  @Override
  public synchronized void recordPolls(long term, List<BatchPollUpdate> polls) {
    fence(term, "recording polls");
    whileRecordingPolls.run();
    for (BatchPollUpdate poll : polls) {
      LlmBatchJob job = batches.get(poll.batchId());
      if (job == null || job.status() != BatchStatus.RUNNING) {
        continue;
      }
      batches.put(
          job.id(),
          new LlmBatchJob(
              job.id(),
              job.provider(),
              job.providerBatchId(),
              job.status(),
              job.createdAt(),
              poll.polledAt(),
              poll.latestPollResponse() != null
                  ? poll.latestPollResponse()
                  : job.latestPollResponse(),
              poll.pollError(),
              null));
    }
  }

  @Override
  public synchronized void storeItemResults(long term, long batchId, List<ItemResultUpdate> chunk) {
    fence(term, "storing item results");
    upsert(batchId, chunk);
  }

  private void upsert(long batchId, List<ItemResultUpdate> chunk) {
    Map<String, LlmBatchItem> rows = items.get(batchId);
    for (ItemResultUpdate update : chunk) {
      LlmBatchItem known = rows.get(update.customId());
      long id = known == null ? nextItemId++ : known.id();
      rows.put(
          update.customId(),
          new LlmBatchItem(
              id, batchId, update.customId(), update.status(), update.resultJson(), clock.now()));
    }
  }

  @Override
  public synchronized Instant resultsUnavailable(
      long term, long batchId, Instant at, String error) {
    fence(term, "noting unavailable results");
    LlmBatchJob job = batches.get(batchId);
    if (job.status() != BatchStatus.RUNNING) {
      throw new IllegalStateException("batch " + batchId + " is " + job.status().wireName());
    }
    batches.put(
        batchId,
        new LlmBatchJob(
            job.id(),
            job.provider(),
            job.providerBatchId(),
            job.status(),
            job.createdAt(),
            at,
            job.latestPollResponse(),
            error,
            job.completedAt(),
            job.lastWokenAt()));
    return resultsUnavailableSince.computeIfAbsent(batchId, id -> at);
  }

  @Override
  public synchronized void completeBatch(
      long term,
      long batchId,
      List<ItemResultUpdate> lastChunk,
      BatchStatus finalStatus,
      Instant completedAt,
      String latestPollResponse,
      String pollError,
      WebhookEvents webhooks) {
    fence(term, "completing a batch");
    LlmBatchJob job = batches.get(batchId);
    if (job.status() != BatchStatus.RUNNING) {
      throw new IllegalStateException("batch " + batchId + " is " + job.status().wireName());
    }
    Map<String, LlmBatchItem> itemsBefore = new LinkedHashMap<>(items.get(batchId));
    upsert(batchId, lastChunk);
    batches.put(
        batchId,
        new LlmBatchJob(
            job.id(),
            job.provider(),
            job.providerBatchId(),
            finalStatus,
            job.createdAt(),
            completedAt,
            latestPollResponse == null ? job.latestPollResponse() : latestPollResponse,
            pollError,
            completedAt,
            job.lastWokenAt()));
    Optional<NewWebhookDelivery> delivery;
    try {
      delivery =
          webhooks.deliveryFor(
              new BatchCompletion(
                  find(batchId).orElseThrow(), Optional.ofNullable(webhookUrls.get(batchId))));
    } catch (RuntimeException e) {
      // As a rolled-back transaction: the batch and its items are as they were.
      batches.put(batchId, job);
      items.put(batchId, itemsBefore);
      throw e;
    }
    delivery.ifPresent(event -> insertDelivery(batchId, event, completedAt));
  }

  private void insertDelivery(long batchId, NewWebhookDelivery event, Instant at) {
    boolean known =
        deliveries.values().stream()
            .anyMatch(
                d ->
                    d.eventId().equals(event.eventId())
                        || (d.batchId() == batchId
                            && d.eventType().equals(event.eventType())
                            && d.url().equals(event.url())));
    if (known) {
      return;
    }
    long id = nextDeliveryId++;
    deliveries.put(
        id,
        new WebhookDelivery(
            id,
            event.eventId(),
            batchId,
            event.url(),
            event.eventType(),
            event.payload(),
            DeliveryStatus.PENDING,
            0,
            at,
            null,
            null,
            null,
            at,
            null));
  }

  @Override
  public synchronized List<WebhookDelivery> due(Instant now, int limit) {
    return deliveries.values().stream()
        .filter(d -> d.status() == DeliveryStatus.PENDING && !d.nextAttemptAt().isAfter(now))
        .sorted(
            Comparator.comparing(WebhookDelivery::nextAttemptAt)
                .thenComparingLong(WebhookDelivery::id))
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized long countPending() {
    return deliveries.values().stream().filter(d -> d.status() == DeliveryStatus.PENDING).count();
  }

  @Override
  public synchronized void recordAttempt(long term, DeliveryAttempt attempt) {
    fence(term, "recording a webhook delivery attempt");
    WebhookDelivery d = deliveries.get(attempt.deliveryId());
    if (d == null || d.status() != DeliveryStatus.PENDING) {
      return;
    }
    deliveries.put(
        d.id(),
        new WebhookDelivery(
            d.id(),
            d.eventId(),
            d.batchId(),
            d.url(),
            d.eventType(),
            d.payload(),
            attempt.status(),
            d.attempts() + 1,
            attempt.nextAttemptAt(),
            attempt.attemptedAt(),
            attempt.statusCode(),
            attempt.error(),
            d.createdAt(),
            attempt.status() == DeliveryStatus.DELIVERED
                ? attempt.attemptedAt()
                : d.deliveredAt()));
  }

  @Override
  public synchronized List<WebhookDelivery> forBatch(long batchId) {
    return deliveries.values().stream().filter(d -> d.batchId() == batchId).toList();
  }

  @Override
  public synchronized Optional<WebhookDelivery> findDelivery(long deliveryId) {
    return Optional.ofNullable(deliveries.get(deliveryId));
  }

  @Override
  public synchronized Optional<WebhookDelivery> redeliver(long deliveryId, Instant now) {
    WebhookDelivery d = deliveries.get(deliveryId);
    if (d == null) {
      return Optional.empty();
    }
    WebhookDelivery again =
        new WebhookDelivery(
            d.id(),
            d.eventId(),
            d.batchId(),
            d.url(),
            d.eventType(),
            d.payload(),
            DeliveryStatus.PENDING,
            d.attempts(),
            now,
            d.lastAttemptAt(),
            d.lastStatusCode(),
            d.lastError(),
            d.createdAt(),
            d.deliveredAt());
    deliveries.put(deliveryId, again);
    return Optional.of(again);
  }
}
