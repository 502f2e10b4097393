package dev.baton.benchmarks.polling;

import dev.baton.domain.BatchPollUpdate;
import dev.baton.domain.BatchStatus;
import dev.baton.domain.ItemResultUpdate;
import dev.baton.domain.LlmBatchJob;
import dev.baton.domain.WebhookEvents;
import dev.baton.domain.port.BatchPollerPort;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The real store, with the time spent in it added up: the database share of a poll cycle, which the
 * cycle target puts on top of the provider-bound time.
 */
final class TimedBatchPoller implements BatchPollerPort {
  private final BatchPollerPort store;
  private final AtomicLong nanos = new AtomicLong();

  TimedBatchPoller(BatchPollerPort store) {
    this.store = store;
  }

  /** Starts a new sum and returns the old one, in milliseconds. */
  double takeMillis() {
    return nanos.getAndSet(0) / 1e6;
  }

  @Override
  public List<LlmBatchJob> listRunningBatches(Instant createdAfter, OptionalInt limit) {
    return timed(() -> store.listRunningBatches(createdAfter, limit));
  }

  @Override
  public void recordPolls(long term, List<BatchPollUpdate> polls) {
    timed(
        () -> {
          store.recordPolls(term, polls);
          return null;
        });
  }

  @Override
  public void storeItemResults(long term, long batchId, List<ItemResultUpdate> chunk) {
    timed(
        () -> {
          store.storeItemResults(term, batchId, chunk);
          return null;
        });
  }

  @Override
  public void completeBatch(
      long term,
      long batchId,
      List<ItemResultUpdate> lastChunk,
      BatchStatus finalStatus,
      Instant completedAt,
      String latestPollResponse,
      String pollError,
      WebhookEvents webhooks) {
    timed(
        () -> {
          store.completeBatch(
              term,
              batchId,
              lastChunk,
              finalStatus,
              completedAt,
              latestPollResponse,
              pollError,
              webhooks);
          return null;
        });
  }

  @Override
  public Instant resultsUnavailable(long term, long batchId, Instant at, String error) {
    return timed(() -> store.resultsUnavailable(term, batchId, at, error));
  }

  private <T> T timed(Supplier<T> call) {
    long start = System.nanoTime();
    try {
      return call.get();
    } finally {
      nanos.addAndGet(System.nanoTime() - start);
    }
  }
}
