package dev.baton.adapters.http;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.baton.domain.BatchStatus;
import dev.baton.domain.TrackedBatch;
import java.util.Map;

/**
 * The body of {@code GET /v1/batches/{id}} and of a {@code POST /v1/batches} that tracked a batch:
 * the batch as a list shows it, followed by its item counts.
 *
 * @param itemCounts every status, in the order of {@link BatchStatus}, with 0 for none: a client
 *     reads {@code itemCounts.failed} without first asking whether it is there
 */
record TrackedBatchResponse(@JsonUnwrapped BatchResponse batch, Map<String, Long> itemCounts) {

  static TrackedBatchResponse from(TrackedBatch tracked) {
    return new TrackedBatchResponse(
        BatchResponse.from(tracked.batch()), BatchHandlers.everyStatus(tracked.itemCounts()));
  }
}
