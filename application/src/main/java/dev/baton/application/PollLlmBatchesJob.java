package dev.baton.application;

import dev.baton.domain.BatchPollUpdate;
import dev.baton.domain.FencedOutException;
import dev.baton.domain.LlmBatchJob;
import dev.baton.domain.LlmProvider;
import dev.baton.domain.PollCycleSummary;
import dev.baton.domain.PollRequest;
import dev.baton.domain.RunTrigger;
import dev.baton.domain.WebhookEvents;
import dev.baton.domain.port.BatchPollerPort;
import dev.baton.domain.port.ClockPort;
import dev.baton.domain.port.LlmBatchProviderPort;
import dev.baton.domain.port.PollRequestPort;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code poll_llm_batches}: asks each running batch's provider for its state, records what it
 * learned, and for every batch that reached a terminal state stores all its item results before the
 * batch takes its final status, in the same transaction as the last chunk — so a failed fetch
 * leaves the batch running, to be fetched again, and no result is lost.
 *
 * <p>Batches whose poll a provider's webhook asked for ({@link PollRequestPort}) are polled first:
 * by a run in progress, which looks for new requests between its provider calls, or by a {@link
 * RunTrigger#WOKEN woken} run that polls only them. Either way they take the same path as every
 * poll, and the request is cleared once its poll is done.
 */
public final class PollLlmBatchesJob implements WakeableTask {
  private static final Logger log = LoggerFactory.getLogger(PollLlmBatchesJob.class);
  public static final String NAME = "poll_llm_batches";

  /** How often a run looks for polls asked for while its provider calls go on. */
  static final Duration LOOK_FOR_REQUESTS_EVERY = Duration.ofMillis(250);

  /** The most poll requests taken at one look, when no batch size bounds a run. */
  static final int MAX_REQUESTS_PER_LOOK = 1000;

  private static final PollRequestPort NO_POLL_REQUESTS =
      new PollRequestPort() {
        @Override
        public List<PollRequest> requestedPolls(int limit) {
          return List.of();
        }

        @Override
        public void clearPollRequest(long term, long batchId, Instant requestedAt) {}
      };

  /**
   * @param lookback only batches created this recently are polled
   * @param batchSize at most this many batches a cycle, when given
   * @param resultChunkSize item results stored per transaction
   * @param resultsGiveUp how long an ended batch's results may stay gone at the provider (404, 410)
   *     before the batch takes status {@code failed}
   */
  public record Settings(
      Duration lookback, OptionalInt batchSize, int resultChunkSize, Duration resultsGiveUp) {
    public static final int DEFAULT_RESULT_CHUNK_SIZE = 500;
    public static final Duration DEFAULT_RESULTS_GIVE_UP = Duration.ofHours(24);

    /** With the default {@link #DEFAULT_RESULTS_GIVE_UP}. */
    public Settings(Duration lookback, OptionalInt batchSize, int resultChunkSize) {
      this(lookback, batchSize, resultChunkSize, DEFAULT_RESULTS_GIVE_UP);
    }
  }

  private final Settings settings;
  private final BatchPollerPort store;
  private final PollRequestPort pollRequests;
  private final LlmBatchPoller poller;
  private final ExecutorService providerCalls;
  private final ClockPort clock;
  private final BatchCompletionListener completions;
  private final SchedulerEventsPort events;

  /** A job that no provider's webhook wakes and that writes no completion webhooks. */
  public PollLlmBatchesJob(
      Settings settings,
      BatchPollerPort store,
      Map<LlmProvider, LlmBatchProviderPort> providers,
      ExecutorService providerCalls,
      ClockPort clock,
      BatchCompletionListener completions,
      SchedulerEventsPort events) {
    this(
        settings,
        store,
        NO_POLL_REQUESTS,
        providers,
        providerCalls,
        clock,
        completions,
        events,
        WebhookEvents.NONE);
  }

  /**
   * @param pollRequests the polls providers' webhooks asked for
   * @param providerCalls bounded to {@code BATON_PROVIDER_CONCURRENCY}: the calls in flight at once
   * @param webhooks the completion webhook written with each final status, if any
   */
  public PollLlmBatchesJob(
      Settings settings,
      BatchPollerPort store,
      PollRequestPort pollRequests,
      Map<LlmProvider, LlmBatchProviderPort> providers,
      ExecutorService providerCalls,
      ClockPort clock,
      BatchCompletionListener completions,
      SchedulerEventsPort events,
      WebhookEvents webhooks) {
    this.settings = settings;
    this.store = store;
    this.pollRequests = pollRequests;
    this.poller = new LlmBatchPoller(settings, store, providers, clock, webhooks);
    this.providerCalls = providerCalls;
    this.clock = clock;
    this.completions = completions;
    this.events = events;
  }

  @Override
  public boolean hasWorkAskedFor() {
    try {
      return !pollRequests.requestedPolls(1).isEmpty();
    } catch (RuntimeException e) {
      log.debug("Reading the requested polls failed", e);
      return false;
    }
  }

  @Override
  public void run(RunContext run) throws Exception {
    Instant started = clock.now();
    boolean woken = run.trigger() == RunTrigger.WOKEN;
    List<LlmBatchJob> running =
        woken
            ? List.of()
            : store.listRunningBatches(started.minus(settings.lookback()), settings.batchSize());
    PollQueue queue = new PollQueue(requestedPolls(), running);
    List<Future<LlmBatchPoller.Polled>> polls = new ArrayList<>();
    submit(run.term(), queue, queue.size(), polls);
    List<LlmBatchPoller.Polled> outcomes = new ArrayList<>();
    try {
      Instant lastLook = clock.now();
      while (outcomes.size() < polls.size()) {
        boolean waitedLong = false;
        try {
          outcomes.add(
              polls
                  .get(outcomes.size())
                  .get(LOOK_FOR_REQUESTS_EVERY.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException stillPolling) {
          waitedLong = true;
        }
        Instant now = clock.now();
        if (waitedLong || !now.isBefore(lastLook.plus(LOOK_FOR_REQUESTS_EVERY))) {
          submit(run.term(), queue, queue.offer(requestedPolls()), polls);
          lastLook = now;
        }
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
    // A batch asked for again during the run was polled twice: its last poll is recorded.
    Map<Long, BatchPollUpdate> stillRunning = new LinkedHashMap<>();
    for (LlmBatchPoller.Polled polled : outcomes) {
      if (polled.update() != null) {
        stillRunning.remove(polled.batch().id());
        stillRunning.put(polled.batch().id(), polled.update());
      }
    }
    Duration statusWrite = Duration.ZERO;
    if (!stillRunning.isEmpty()) {
      Instant writeStarted = clock.now();
      store.recordPolls(run.term(), List.copyOf(stillRunning.values()));
      statusWrite = Duration.between(writeStarted, clock.now());
    }
    int completed = 0;
    long items = 0;
    List<PollCycleSummary.PolledBatch> summary = new ArrayList<>();
    for (LlmBatchPoller.Polled polled : outcomes) {
      items += polled.items();
      if (polled.finalStatus() != null) {
        completed++;
        completions.batchCompleted(polled.batch(), polled.finalStatus(), polled.items());
      }
      summary.add(new PollCycleSummary.PolledBatch(polled.batch().provider(), polled.outcome()));
    }
    Duration took = Duration.between(started, clock.now());
    log.info(
        "Polled {} {} in {} ms: {} completed, {} items updated",
        outcomes.size(),
        woken ? "LLM batches asked for by providers' webhooks" : "running LLM batches",
        took.toMillis(),
        completed,
        items);
    events.pollCycleCompleted(
        new PollCycleSummary(took, statusWrite, outcomes.size(), completed, items, summary));
  }

  /** The polls asked for now; none when they cannot be read (the next look tries again). */
  private List<PollRequest> requestedPolls() {
    try {
      return pollRequests.requestedPolls(settings.batchSize().orElse(MAX_REQUESTS_PER_LOOK));
    } catch (RuntimeException e) {
      log.warn("Reading the polls asked for by providers' webhooks failed: {}", e.toString());
      return List.of();
    }
  }

  private void submit(
      long term, PollQueue queue, int tasks, List<Future<LlmBatchPoller.Polled>> polls) {
    for (int i = 0; i < tasks; i++) {
      polls.add(providerCalls.submit(() -> pollNext(term, queue)));
    }
  }

  /** Polls the next batch of the queue and clears the request it served, if any. */
  private LlmBatchPoller.Polled pollNext(long term, PollQueue queue) throws InterruptedException {
    PollQueue.Entry entry = queue.next();
    try {
      LlmBatchPoller.Polled polled = poller.poll(term, entry.batch());
      if (entry.requestedAt() != null) {
        clearRequest(term, entry);
      }
      return polled;
    } finally {
      queue.done(entry);
    }
  }

  private void clearRequest(long term, PollQueue.Entry entry) {
    try {
      pollRequests.clearPollRequest(term, entry.batch().id(), entry.requestedAt());
    } catch (FencedOutException e) {
      throw e;
    } catch (RuntimeException e) {
      // The request stays: the batch is polled once more, which is harmless.
      log.warn(
          "Clearing the poll request of batch {} failed: {}", entry.batch().id(), e.toString());
    }
  }
}
