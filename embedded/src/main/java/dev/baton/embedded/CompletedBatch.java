package dev.baton.embedded;

/**
 * A tracked batch that took its final status, as {@link Baton.Builder#onBatchCompleted} hands it
 * over.
 *
 * @param id Baton's id of the batch, as {@link Baton#trackBatch} returned it
 * @param provider {@code anthropic} or {@code openai}
 * @param providerBatchId the provider's id of the batch
 * @param status {@code completed}, {@code failed}, {@code cancelled} or {@code expired}
 * @param itemResults how many item results were stored in the cycle that finished it
 */
public record CompletedBatch(
    long id, String provider, String providerBatchId, String status, long itemResults) {}
