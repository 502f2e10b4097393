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
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Validates and tracks batches; lists them and their items. */
public final class BatchTrackingService implements BatchTrackingUseCase {
  private final BatchTrackingPort store;
  private final ClockPort clock;

  public BatchTrackingService(BatchTrackingPort store, ClockPort clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public TrackedBatch track(NewBatch batch) {
    if (batch.providerBatchId().isBlank()) {
      throw new InvalidRequestException("providerBatchId", "must not be blank");
    }
    List<String> customIds = batch.customIds();
    if (customIds.isEmpty()) {
      throw new InvalidRequestException("items", "must hold at least one item");
    }
    if (customIds.size() > MAX_ITEMS) {
      throw new InvalidRequestException(
          "items", "holds " + customIds.size() + " items; at most " + MAX_ITEMS + " are accepted");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < customIds.size(); i++) {
      String customId = customIds.get(i);
      if (customId == null || customId.isBlank()) {
        throw new InvalidRequestException("items[" + i + "].customId", "must not be blank");
      }
      if (!seen.add(customId)) {
        throw new InvalidRequestException(
            "items[" + i + "].customId", "'" + customId + "' appears more than once");
      }
    }
    LlmBatchJob created = store.create(batch, clock.now());
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
    try {
      return store.list(status, limit, after);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("after", "not a cursor of this list");
    }
  }

  @Override
  public Optional<Page<LlmBatchItem>> items(long batchId, int limit, Optional<String> after) {
    requireLimit(limit);
    if (store.find(batchId).isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(store.items(batchId, limit, after));
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("after", "not a cursor of this list");
    }
  }

  private static void requireLimit(int limit) {
    if (limit < 1 || limit > MAX_PAGE_SIZE) {
      throw new InvalidRequestException("limit", "must be from 1 to " + MAX_PAGE_SIZE);
    }
  }
}
