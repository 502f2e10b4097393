package dev.baton.domain;

import java.util.Map;
import java.util.Objects;

/** A batch with how many of its items are in each status ({@code GET /v1/batches/{id}}). */
public record TrackedBatch(LlmBatchJob batch, Map<BatchStatus, Long> itemCounts) {

  public TrackedBatch {
    Objects.requireNonNull(batch, "batch");
    itemCounts = Map.copyOf(itemCounts);
  }
}
