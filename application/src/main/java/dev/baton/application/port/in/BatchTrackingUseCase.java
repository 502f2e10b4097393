package dev.baton.application.port.in;

import dev.baton.domain.BatchStatus;
import dev.baton.domain.LlmBatchItem;
import dev.baton.domain.LlmBatchJob;
import dev.baton.domain.NewBatch;
import dev.baton.domain.Page;
import dev.baton.domain.TrackedBatch;
import java.util.Map;
import java.util.Optional;

/** Tracking batches through the API ({@code /v1/batches}). */
public interface BatchTrackingUseCase {
  /** The largest page a list may ask for. */
  int MAX_PAGE_SIZE = 1000;

  /**
   * Starts tracking a batch already submitted to its provider.
   *
   * @throws dev.baton.domain.DuplicateBatchException when it is tracked already
   */
  TrackedBatch track(NewBatch batch);

  Optional<TrackedBatch> batch(long batchId);

  /**
   * @throws dev.baton.application.InvalidRequestException for a limit out of 1..{@link
   *     #MAX_PAGE_SIZE} or a cursor not handed out by this list
   */
  Page<LlmBatchJob> batches(Optional<BatchStatus> status, int limit, Optional<String> after);

  /** How many tracked batches are in each status, every status present (0 for none). */
  Map<BatchStatus, Long> countsByStatus();

  /**
   * The items of a batch, or empty when no such batch is tracked.
   *
   * @throws dev.baton.application.InvalidRequestException as {@link #batches}
   */
  Optional<Page<LlmBatchItem>> items(long batchId, int limit, Optional<String> after);
}
