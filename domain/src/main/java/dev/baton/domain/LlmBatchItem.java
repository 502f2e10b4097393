package dev.baton.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One request of a tracked batch ({@code baton_llm_batch_item}), known by its {@code customId}.
 *
 * @param requestStatus {@code created} until its result is stored, then the result's status
 * @param result the provider's result line as received, or null before it is stored
 */
public record LlmBatchItem(
    long id,
    long batchId,
    String customId,
    BatchStatus requestStatus,
    String result,
    Instant updatedAt) {

  public LlmBatchItem {
    Objects.requireNonNull(customId, "customId");
    Objects.requireNonNull(requestStatus, "requestStatus");
  }
}
