package dev.baton.application;

import dev.baton.domain.BatchPollUpdate;
import dev.baton.domain.BatchStatus;
import dev.baton.domain.FencedOutException;
import dev.baton.domain.ItemResultUpdate;
import dev.baton.domain.LlmBatchJob;
import dev.baton.domain.LlmProvider;
import dev.baton.domain.LlmProviderException;
import dev.baton.domain.LlmProviderRejectedException;
import dev.baton.domain.PollCycleSummary;
import dev.baton.domain.ProviderBatchState;
import dev.baton.domain.ProviderItemResult;
import dev.baton.domain.WebhookEvents;
import dev.baton.domain.port.BatchPollerPort;
import dev.baton.domain.port.ClockPort;
import dev.baton.domain.port.LlmBatchProviderPort;
import dev.baton.domain.port.SchedulerEventsPort;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code poll_llm_batches}: asks each running batch's provider for its state, records what it
 * learned, and for every batch that reached a terminal state stores all its item results before the
 * batch takes its final status, in the same transaction as the last chunk — so a failed fetch
 * leaves the batch running, to be fetched again, and no result is lost.
 */
public final class PollLlmBatchesJob implements JobTask {
  private static final Logger log = LoggerFactory.getLogger(PollLlmBatchesJob.class);
  public static final String NAME = "poll_llm_batches";

  /**
   * @param lookback only batches created this recently are polled
   * @param batchSize at most this many batches a cycle, when given
   * @param resultChunkSize item results stored per transaction
   */
  public record Settings(Duration lookback, OptionalInt batchSize, int resultChunkSize) {
    public static final int DEFAULT_RESULT_CHUNK_SIZE = 500;
  }

  private final Settings settings;
  private final BatchPollerPort store;
  private final Map<LlmProvider, LlmBatchProviderPort> providers;
  private final ExecutorService providerCalls;
  private final ClockPort clock;
  private final BatchCompletionListener completions;
  private final SchedulerEventsPort events;
  private final WebhookEvents webhooks;

  /** A polling job that announces completions to {@code completions} only, with no webhooks. */
  public PollLlmBatchesJob(
      Settings settings,
      BatchPollerPort store,
      Map<LlmProvider, LlmBatchProviderPort> providers,
      ExecutorService providerCalls,
      ClockPort clock,
      BatchCompletionListener completions,
      SchedulerEventsPort events) {
    this(settings, store, providers, providerCalls, clock, completions, events, WebhookEvents.NONE);
  }

  /**
   * @param providerCalls bounded to {@code BATON_PROVIDER_CONCURRENCY}: the calls in flight at once
   * @param webhooks the completion webhook written with each final status, if any
   */
  public PollLlmBatchesJob(
      Settings settings,
      BatchPollerPort store,
      Map<LlmProvider, LlmBatchProviderPort> providers,
      ExecutorService providerCalls,
      ClockPort clock,
      BatchCompletionListener completions,
      SchedulerEventsPort events,
      WebhookEvents webhooks) {
    this.webhooks = webhooks;
    this.settings = settings;
    this.store = store;
    this.providers = Map.copyOf(providers);
    this.providerCalls = providerCalls;
    this.clock = clock;
    this.completions = completions;
    this.events = events;
  }

  @Override
  public void run(RunContext run) throws Exception {
    Instant started = clock.now();
    List<LlmBatchJob> batches =
        store.listRunningBatches(started.minus(settings.lookback()), settings.batchSize());
    List<Future<Polled>> polls = new ArrayList<>();
    for (LlmBatchJob batch : batches) {
      polls.add(providerCalls.submit(() -> poll(run.term(), batch)));
    }
    List<Polled> outcomes = new ArrayList<>();
    try {
      for (Future<Polled> poll : polls) {
        outcomes.add(poll.get());
      }
    } catch (InterruptedException e) {
      polls.forEach(poll -> poll.cancel(true));
      throw e;
    } catch (ExecutionException e) {
      polls.forEach(poll -> poll.cancel(true));
      if (e.getCause() instanceof FencedOutException fenced) {
        throw fenced;
      }
      throw e;
    }
    List<BatchPollUpdate> stillRunning = new ArrayList<>();
    for (Polled polled : outcomes) {
      if (polled.update() != null) {
        stillRunning.add(polled.update());
      }
    }
    if (!stillRunning.isEmpty()) {
      store.recordPolls(run.term(), stillRunning);
    }
    int completed = 0;
    long items = 0;
    List<PollCycleSummary.PolledBatch> summary = new ArrayList<>();
    for (Polled polled : outcomes) {
      items += polled.items();
      if (polled.finalStatus() != null) {
        completed++;
        completions.batchCompleted(polled.batch(), polled.finalStatus(), polled.items());
      }
      summary.add(new PollCycleSummary.PolledBatch(polled.batch().provider(), polled.outcome()));
    }
    Duration took = Duration.between(started, clock.now());
    log.info(
        "Polled {} running LLM batches in {} ms: {} completed, {} items updated",
        batches.size(),
        took.toMillis(),
        completed,
        items);
    events.pollCycleCompleted(
        new PollCycleSummary(took, batches.size(), completed, items, summary));
  }

  /** One batch: ask its provider, and finish it when it reached a terminal state. */
  private Polled poll(long term, LlmBatchJob batch) throws InterruptedException {
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
  private record Polled(
      LlmBatchJob batch,
      BatchPollUpdate update,
      BatchStatus finalStatus,
      long items,
      String outcome) {}
}
