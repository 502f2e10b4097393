package dev.baton.domain.port;

import dev.baton.domain.BatchStatus;
import dev.baton.domain.DuplicateBatchException;
import dev.baton.domain.LlmBatchItem;
import dev.baton.domain.LlmBatchJob;
import dev.baton.domain.NewBatch;
import dev.baton.domain.Page;
import dev.baton.domain.TrackedBatch;
import java.time.Instant;
import java.util.Optional;

/** Tracked batches as the API sees them. Not fenced: any instance may track a new batch. */
public interface BatchTrackingPort {

  /**
   * Tracks a batch (status {@code running}) and its items (status {@code created}) in one
   * transaction.
   *
   * @throws DuplicateBatchException when {@code (provider, providerBatchId)} is tracked already
   */
  LlmBatchJob create(NewBatch batch, Instant createdAt);

  Optional<TrackedBatch> find(long batchId);

  /**
   * Batches in id order, optionally of one status, after the cursor {@code after}.
   *
   * @throws IllegalArgumentException for a cursor this store did not hand out
   */
  Page<LlmBatchJob> list(Optional<BatchStatus> status, int limit, Optional<String> after);

  /**
   * The items of a batch in id order, after the cursor {@code after}.
   *
   * @throws IllegalArgumentException for a cursor this store did not hand out
   */
  Page<LlmBatchItem> items(long batchId, int limit, Optional<String> after);
}
