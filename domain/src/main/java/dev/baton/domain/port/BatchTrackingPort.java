package dev.baton.domain.port;

import dev.baton.domain.BatchStatus;
import dev.baton.domain.DuplicateBatchException;
import dev.baton.domain.LlmBatchItem;
import dev.baton.domain.LlmBatchJob;
import dev.baton.domain.NewBatch;
import dev.baton.domain.TrackedBatch;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
   * At most {@code limit} batches with an id above {@code afterId}, in id order, optionally of one
   * status.
   */
  List<LlmBatchJob> list(Optional<BatchStatus> status, long afterId, int limit);

  /** How many batches are in each status; a status without any is left out. */
  Map<BatchStatus, Long> countByStatus();

  /** At most {@code limit} items of a batch with an id above {@code afterId}, in id order. */
  List<LlmBatchItem> items(long batchId, long afterId, int limit);
}
