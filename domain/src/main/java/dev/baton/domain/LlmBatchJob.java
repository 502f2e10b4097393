package dev.baton.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A tracked provider batch ({@code baton_llm_batch}).
 *
 * @param latestPollResponse the provider's raw JSON from the last poll, or null
 * @param pollError the last failed poll's error, or null
 * @param lastWokenAt when a provider's webhook last asked for this batch's poll, or null
 */
public record LlmBatchJob(
    long id,
    LlmProvider provider,
    String providerBatchId,
    BatchStatus status,
    Instant createdAt,
    Instant lastPolledAt,
    String latestPollResponse,
    String pollError,
    Instant completedAt,
    Instant lastWokenAt) {

  public LlmBatchJob {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(providerBatchId, "providerBatchId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** A batch no provider's webhook ever woke. */
  public LlmBatchJob(
      long id,
      LlmProvider provider,
      String providerBatchId,
      BatchStatus status,
      Instant createdAt,
      Instant lastPolledAt,
      String latestPollResponse,
      String pollError,
      Instant completedAt) {
    this(
        id,
        provider,
        providerBatchId,
        status,
        createdAt,
        lastPolledAt,
        latestPollResponse,
        pollError,
        completedAt,
        null);
  }
}
