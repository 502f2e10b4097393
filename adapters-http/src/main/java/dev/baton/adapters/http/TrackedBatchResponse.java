package dev.baton.adapters.http;

import dev.baton.domain.BatchStatus;
import dev.baton.domain.LlmBatchJob;
import dev.baton.domain.TrackedBatch;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body of {@code GET /v1/batches/{id}} and of a {@code POST /v1/batches} that tracked a batch.
 *
 * @param latestPollResponse the provider's JSON as a JSON value (see {@link EmbeddedJson}), or null
 * @param lastWokenAt when a provider's webhook last asked for its poll, or null
 * @param itemCounts every status, in the order of {@link BatchStatus}, with 0 for none: a client
 *     reads {@code itemCounts.failed} without first asking whether it is there
 */
record TrackedBatchResponse(
    long id,
    String provider,
    String providerBatchId,
    String status,
    Instant createdAt,
    Instant lastPolledAt,
    Object latestPollResponse,
    String pollError,
    Instant completedAt,
    Instant lastWokenAt,
    Map<String, Long> itemCounts) {

  static TrackedBatchResponse from(TrackedBatch tracked) {
    LlmBatchJob batch = tracked.batch();
    Map<String, Long> counts = new LinkedHashMap<>();
    for (BatchStatus status : BatchStatus.values()) {
      counts.put(status.wireName(), tracked.itemCounts().getOrDefault(status, 0L));
    }
    return new TrackedBatchResponse(
        batch.id(),
        batch.provider().wireName(),
        batch.providerBatchId(),
        batch.status().wireName(),
        batch.createdAt(),
        batch.lastPolledAt(),
        EmbeddedJson.of(batch.latestPollResponse()),
        batch.pollError(),
        batch.completedAt(),
        batch.lastWokenAt(),
        counts);
  }
}
