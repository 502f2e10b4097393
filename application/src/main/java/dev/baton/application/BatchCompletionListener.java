package dev.baton.application;

import dev.baton.domain.BatchStatus;
import dev.baton.domain.LlmBatchJob;

/** Told of each batch that took its final status, after its results are stored. */
@FunctionalInterface
public interface BatchCompletionListener {

  /**
   * @param batch the batch as it was polled (its stored status is now {@code finalStatus})
   * @param items how many item results were stored in this cycle
   */
  void batchCompleted(LlmBatchJob batch, BatchStatus finalStatus, long items);
}
