package dev.baton.adapters.http;

import dev.baton.domain.LlmBatchJob;
import java.time.Instant;

/**
 * A batch as {@code GET /v1/batches} lists it: the batch of {@code GET /v1/batches/{id}} without
 * its item counts, which a list does not count.
 *
 * @param latestPollResponse the provider's JSON as a JSON value (see {@link EmbeddedJson}), or null
 * @param lastWokenAt when a provider's webhook last asked for its poll, or null
 */
record BatchResponse(
    long id,
    String provider,
    String providerBatchId,
    String status,
    Instant createdAt,
    Instant lastPolledAt,
    Object latestPollResponse,
    String pollError,
    Instant completedAt,
    Instant lastWokenAt) {

  static BatchResponse from(LlmBatchJob batch) {
    return new BatchResponse(
        batch.id(),
        batch.provider().wireName(),
        batch.providerBatchId(),
        batch.status().wireName(),
        batch.createdAt(),
        batch.lastPolledAt(),
        EmbeddedJson.of(batch.latestPollResponse()),
        batch.pollError(),
        batch.completedAt(),
        batch.lastWokenAt());
  }
}
