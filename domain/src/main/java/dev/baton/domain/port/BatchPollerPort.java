package dev.baton.domain.port;

import dev.baton.domain.BatchPollUpdate;
import dev.baton.domain.BatchStatus;
import dev.baton.domain.FencedOutException;
import dev.baton.domain.ItemResultUpdate;
import dev.baton.domain.LlmBatchJob;
import dev.baton.domain.WebhookEvents;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The batch poller's view of batch storage. Every write is fenced by the writer's term and throws
 * {@link FencedOutException} (writing nothing) when a newer term exists.
 */
public interface BatchPollerPort {

  /**
   * Running batches created after {@code createdAfter}, never-polled first, then oldest {@code
   * last_polled_at} first (so a limit rotates through all of them), at most {@code limit} when
   * given.
   */
  List<LlmBatchJob> listRunningBatches(Instant createdAfter, OptionalInt limit);

  /** Records one cycle's polls of batches that stay running, in one statement or a few. */
  void recordPolls(long term, List<BatchPollUpdate> polls);

  /**
   * Upserts one chunk of item results by {@code (batch_id, custom_id)}; the chunk names each custom
   * id at most once.
   */
  void storeItemResults(long term, long batchId, List<ItemResultUpdate> chunk);

  /**
   * Stores the last chunk of results and gives the batch its final status in the same transaction,
   * so a batch is never final without all its results; the update is guarded, so a batch completes
   * once. The completion webhook {@code webhooks} names, if any, is put in the outbox in that same
   * transaction, once per batch, event and URL.
   *
   * @param latestPollResponse the provider's answer that showed the batch finished, or null to keep
   *     the last one
   * @param pollError the batch's poll error from now on, or null for none
   * @throws IllegalStateException when the batch has its final status already
   */
  void completeBatch(
      long term,
      long batchId,
      List<ItemResultUpdate> lastChunk,
      BatchStatus finalStatus,
      Instant completedAt,
      String latestPollResponse,
      String pollError,
      WebhookEvents webhooks);

  /**
   * {@link #completeBatch(long, long, List, BatchStatus, Instant, String, String, WebhookEvents)}
   * without a poll error.
   */
  default void completeBatch(
      long term,
      long batchId,
      List<ItemResultUpdate> lastChunk,
      BatchStatus finalStatus,
      Instant completedAt,
      String latestPollResponse,
      WebhookEvents webhooks) {
    completeBatch(
        term, batchId, lastChunk, finalStatus, completedAt, latestPollResponse, null, webhooks);
  }

  /**
   * {@link #completeBatch(long, long, List, BatchStatus, Instant, String, WebhookEvents)} with no
   * webhooks.
   */
  default void completeBatch(
      long term,
      long batchId,
      List<ItemResultUpdate> lastChunk,
      BatchStatus finalStatus,
      Instant completedAt,
      String latestPollResponse) {
    completeBatch(
        term, batchId, lastChunk, finalStatus, completedAt, latestPollResponse, WebhookEvents.NONE);
  }

  /**
   * Notes that the results of an ended batch cannot be fetched because the provider no longer has
   * them (404, 410), with {@code error} as the batch's poll error, and answers since when that is
   * so: the first such note, kept across polls and leaders.
   *
   * @throws IllegalStateException when the batch has its final status already
   */
  Instant resultsUnavailable(long term, long batchId, Instant at, String error);

  /**
   * Gives up on an ended batch whose results stayed unavailable: as {@link #completeBatch} with no
   * more results, the batch takes status {@code failed}, but keeps {@code error} as its poll error.
   *
   * @throws IllegalStateException when the batch has its final status already
   */
  default void giveUpResults(
      long term, long batchId, Instant at, String error, WebhookEvents webhooks) {
    completeBatch(
        term,
        batchId,
        List.of(),
        BatchStatus.FAILED,
        at,
        null,
        Objects.requireNonNull(error, "error"),
        webhooks);
  }
}
