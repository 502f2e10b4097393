package dev.baton.application;

import dev.baton.application.port.in.BatchTrackingUseCase;
import dev.baton.domain.BatchStatus;
import dev.baton.domain.LlmBatchItem;
import dev.baton.domain.LlmBatchJob;
import dev.baton.domain.NewBatch;
import dev.baton.domain.Page;
import dev.baton.domain.TrackedBatch;
import dev.baton.domain.port.BatchTrackingPort;
import dev.baton.domain.port.ClockPort;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** Tracks batches (a {@link NewBatch} is valid by construction); lists them and their items. */
public final class BatchTrackingService implements BatchTrackingUseCase {
  private final BatchTrackingPort store;
  private final ClockPort clock;
  private final BatchWebhookUrls webhookUrls;

  /** A service that refuses a batch's own webhook URL: no signing secret is configured. */
  public BatchTrackingService(BatchTrackingPort store, ClockPort clock) {
    this(store, clock, BatchWebhookUrls.refused());
  }

  public BatchTrackingService(
      BatchTrackingPort store, ClockPort clock, BatchWebhookUrls webhookUrls) {
    this.store = store;
    this.clock = clock;
    this.webhookUrls = webhookUrls;
  }

  @Override
  public TrackedBatch track(NewBatch batch) {
    NewBatch checked =
        batch.webhookUrl().isEmpty()
            ? batch
            : new NewBatch(
                batch.provider(),
                batch.providerBatchId(),
                batch.customIds(),
                webhookUrls.accept(batch.webhookUrl()));
    LlmBatchJob created = store.create(checked, clock.now());
    return store.find(created.id()).orElseThrow();
  }

  @Override
  public Optional<TrackedBatch> batch(long batchId) {
    return store.find(batchId);
  }

  @Override
  public Page<LlmBatchJob> batches(
      Optional<BatchStatus> status, int limit, Optional<String> after) {
    requireLimit(limit);
    PageCursor cursor =
        new PageCursor("batches/" + status.map(BatchStatus::wireName).orElse("all"));
    return cursor.page(
        store.list(status, cursor.afterId(after), limit + 1), limit, LlmBatchJob::id);
  }

  @Override
  public Map<BatchStatus, Long> countsByStatus() {
    Map<BatchStatus, Long> counts = new EnumMap<>(BatchStatus.class);
    for (BatchStatus status : BatchStatus.values()) {
      counts.put(status, 0L);
    }
    counts.putAll(store.countByStatus());
    return counts;
  }

  @Override
  public Optional<Page<LlmBatchItem>> items(long batchId, int limit, Optional<String> after) {
    requireLimit(limit);
    PageCursor cursor = new PageCursor("batches/" + batchId + "/items");
    long afterId = cursor.afterId(after);
    if (store.find(batchId).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        cursor.page(store.items(batchId, afterId, limit + 1), limit, LlmBatchItem::id));
  }

  private static void requireLimit(int limit) {
    if (limit < 1 || limit > MAX_PAGE_SIZE) {
      throw new InvalidRequestException("limit", "must be from 1 to " + MAX_PAGE_SIZE);
    }
  }
}
