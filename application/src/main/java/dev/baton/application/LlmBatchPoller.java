package dev.baton.application;

import dev.baton.domain.BatchPollUpdate;
import dev.baton.domain.BatchStatus;
import dev.baton.domain.FencedOutException;
import dev.baton.domain.ItemResultUpdate;
import dev.baton.domain.LlmBatchJob;
import dev.baton.domain.LlmProvider;
import dev.baton.domain.LlmProviderException;
import dev.baton.domain.LlmProviderRejectedException;
import dev.baton.domain.ProviderBatchState;
import dev.baton.domain.ProviderItemResult;
import dev.baton.domain.WebhookEvents;
import dev.baton.domain.port.BatchPollerPort;
import dev.baton.domain.port.ClockPort;
import dev.baton.domain.port.LlmBatchProviderPort;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one LLM batch for {@link PollLlmBatchesJob}: asks its provider for its state, and for a
 * batch that reached a terminal state stores all its item results before the batch takes its final
 * status, in the same transaction as the last chunk. What a batch that stays running learned is
 * handed back, for the job to record with the rest of its cycle.
 */
final class LlmBatchPoller {
  // Logs as the job it polls for, as it did when the job polled itself.
  private static final Logger log = LoggerFactory.getLogger(PollLlmBatchesJob.class);

  private final PollLlmBatchesJob.Settings settings;
  private final BatchPollerPort store;
  private final Map<LlmProvider, LlmBatchProviderPort> providers;
  private final ClockPort clock;
  private final WebhookEvents webhooks;

  LlmBatchPoller(
      PollLlmBatchesJob.Settings settings,
      BatchPollerPort store,
      Map<LlmProvider, LlmBatchProviderPort> providers,
      ClockPort clock,
      WebhookEvents webhooks) {
    this.settings = settings;
    this.store = store;
    this.providers = Map.copyOf(providers);
    this.clock = clock;
    this.webhooks = webhooks;
  }

  /** One batch: ask its provider, and finish it when it reached a terminal state. */
  Polled poll(long term, LlmBatchJob batch) throws InterruptedException {
    LlmBatchProviderPort provider = providers.get(batch.provider());
    if (provider == null) {
      return failed(batch, "no client configured for provider " + batch.provider().wireName());
    }
    ProviderBatchState state;
    try {
      state = provider.retrieveBatch(batch.providerBatchId());
    } catch (LlmProviderRejectedException e) {
      log.warn(
          "Provider refused batch {} ({}): {}",
          batch.id(),
          batch.providerBatchId(),
          e.getMessage());
      return failed(batch, e.getMessage());
    } catch (RuntimeException e) {
      log.warn(
          "Polling batch {} ({}) failed: {}", batch.id(), batch.providerBatchId(), e.toString());
      return failed(batch, describe(e));
    }
    Instant polledAt = clock.now();
    if (!state.isKnownState()) {
      log.warn(
          "Batch {} ({}) is in state '{}', unknown to Baton; it stays {} and is polled again",
          batch.id(),
          batch.providerBatchId(),
          state.providerState(),
          batch.status().wireName());
      return new Polled(
          batch,
          new BatchPollUpdate(batch.id(), polledAt, state.rawJson(), null),
          null,
          0,
          "unknown");
    }
    BatchStatus mapped = state.batonStatus().orElseThrow();
    if (!state.isTerminal()) {
      return new Polled(
          batch,
          new BatchPollUpdate(batch.id(), polledAt, state.rawJson(), null),
          null,
          0,
          mapped.wireName());
    }
    return finish(term, batch, provider, state, mapped);
  }

  private Polled finish(
      long term,
      LlmBatchJob batch,
      LlmBatchProviderPort provider,
      ProviderBatchState state,
      BatchStatus finalStatus)
      throws InterruptedException {
    // A custom id given twice within a chunk keeps its last result, as if stored one by one; the
    // stores are handed each custom id at most once per write.
    Map<String, ItemResultUpdate> chunk = new LinkedHashMap<>();
    long[] stored = {0};
    try {
      if (state.hasResults()) {
        provider.streamItemResults(
            state,
            result -> {
              ItemResultUpdate update = toUpdate(result);
              chunk.remove(update.customId());
              chunk.put(update.customId(), update);
              if (chunk.size() == settings.resultChunkSize()) {
                store.storeItemResults(term, batch.id(), List.copyOf(chunk.values()));
                stored[0] += chunk.size();
                chunk.clear();
              }
            });
      }
      store.completeBatch(
          term,
          batch.id(),
          List.copyOf(chunk.values()),
          finalStatus,
          clock.now(),
          state.rawJson(),
          webhooks);
    } catch (FencedOutException e) {
      throw e;
    } catch (RuntimeException e) {
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedException("interrupted while fetching results of " + batch.id());
      }
      if (resultsGone(e)) {
        return resultsUnavailable(term, batch, describe(e), stored[0]);
      }
      log.warn(
          "Results of batch {} ({}) could not be stored completely; it stays running: {}",
          batch.id(),
          batch.providerBatchId(),
          e.toString());
      return new Polled(
          batch,
          new BatchPollUpdate(
              batch.id(), clock.now(), null, "fetching results failed: " + describe(e)),
          null,
          stored[0],
          "error");
    }
    return new Polled(batch, null, finalStatus, stored[0] + chunk.size(), finalStatus.wireName());
  }

  /** The provider answered that the results are not there (any more): asking again won't help. */
  private static boolean resultsGone(RuntimeException e) {
    return e instanceof LlmProviderRejectedException rejected
        && (rejected.httpStatus() == 404 || rejected.httpStatus() == 410);
  }

  /**
   * An ended batch whose results are gone at the provider (archived, an expired file): tried again
   * each cycle, since a provider may answer 404 for a moment, until {@link Settings#resultsGiveUp}
   * after the first such answer; then the batch takes status failed.
   */
  private Polled resultsUnavailable(long term, LlmBatchJob batch, String reason, long stored) {
    Instant now = clock.now();
    Instant since =
        store.resultsUnavailable(term, batch.id(), now, "results unavailable: " + reason);
    Instant giveUpAt = since.plus(settings.resultsGiveUp());
    if (now.isBefore(giveUpAt)) {
      log.warn(
          "Results of batch {} ({}) are unavailable since {}; tried again until {}: {}",
          batch.id(),
          batch.providerBatchId(),
          since,
          giveUpAt,
          reason);
      return new Polled(batch, null, null, stored, "error");
    }
    String error =
        "results unavailable since " + since + ", given up after " + settings.resultsGiveUp();
    store.giveUpResults(term, batch.id(), now, error + ": " + reason, webhooks);
    log.warn("Batch {} ({}) failed: {}: {}", batch.id(), batch.providerBatchId(), error, reason);
    return new Polled(batch, null, BatchStatus.FAILED, stored, BatchStatus.FAILED.wireName());
  }

  private static ItemResultUpdate toUpdate(ProviderItemResult result) {
    // An outcome Baton does not know still has its line stored; the item counts as failed.
    return new ItemResultUpdate(
        result.customId(), result.itemStatus().orElse(BatchStatus.FAILED), result.rawJson());
  }

  /** A provider's failure says what broke in its message; anything else is a bug, named as such. */
  private static String describe(RuntimeException e) {
    return e instanceof LlmProviderException ? e.getMessage() : e.toString();
  }

  private Polled failed(LlmBatchJob batch, String error) {
    return new Polled(
        batch, new BatchPollUpdate(batch.id(), clock.now(), null, error), null, 0, "error");
  }

  /**
   * @param update what to record for a batch that stays running, or null when it was finished
   * @param finalStatus the status it took, or null
   */
  record Polled(
      LlmBatchJob batch,
      BatchPollUpdate update,
      BatchStatus finalStatus,
      long items,
      String outcome) {}
}
