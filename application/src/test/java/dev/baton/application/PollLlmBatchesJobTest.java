package dev.baton.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.application.webhook.CompletionWebhooks;
import dev.baton.domain.BatchStatus;
import dev.baton.domain.FencedOutException;
import dev.baton.domain.LlmBatchItem;
import dev.baton.domain.LlmBatchJob;
import dev.baton.domain.LlmProvider;
import dev.baton.domain.LlmProviderRejectedException;
import dev.baton.domain.LlmProviderRetryableException;
import dev.baton.domain.NewBatch;
import dev.baton.domain.ProviderBatchState;
import dev.baton.domain.ProviderItemResult;
import dev.baton.domain.ProviderRequestCounts;
import dev.baton.domain.port.LlmBatchProviderPort;
import dev.baton.testsupport.fakes.InMemoryBatchStore;
import dev.baton.testsupport.fakes.InMemoryPollRequests;
import dev.baton.testsupport.fakes.RecordingSchedulerEvents;
import dev.baton.testsupport.fakes.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PollLlmBatchesJobTest {
  private static final long TERM = 1;
  private final SettableClock clock = SettableClock.atEpochDay();
  private final Instant start = clock.now();
  private final AtomicLong currentTerm = new AtomicLong(TERM);
  private final InMemoryBatchStore store = new InMemoryBatchStore(clock, currentTerm::get);
  private final ScriptedProvider anthropic = new ScriptedProvider(LlmProvider.ANTHROPIC);
  private final ExecutorService providerCalls = Executors.newFixedThreadPool(4);
  private final RecordingSchedulerEvents events = new RecordingSchedulerEvents();
  private final List<String> completions = new ArrayList<>();
  private final PollLlmBatchesJob job =
      new PollLlmBatchesJob(
          new PollLlmBatchesJob.Settings(Duration.ofDays(14), OptionalInt.empty(), 2),
          store,
          Map.of(LlmProvider.ANTHROPIC, anthropic),
          providerCalls,
          clock,
          (batch, status, items) ->
              completions.add(batch.providerBatchId() + " " + status.wireName() + " " + items),
          events);

  @AfterEach
  void stop() {
    providerCalls.shutdownNow();
  }

  private LlmBatchJob track(String providerBatchId, String... customIds) {
    return store.create(
        new NewBatch(LlmProvider.ANTHROPIC, providerBatchId, List.of(customIds)), start);
  }

  private void runCycle() throws Exception {
    clock.advance(Duration.ofSeconds(1));
    job.run(new JobTask.RunContext(1, PollLlmBatchesJob.NAME, "baton-self", TERM, Instant.EPOCH));
  }

  /** A tracked batch that ended at Anthropic with every item completed. */
  private LlmBatchJob trackedAndCompleted(String providerBatchId, String... customIds) {
    LlmBatchJob batch = track(providerBatchId, customIds);
    endedWith(
        providerBatchId,
        Arrays.stream(customIds)
            .map(customId -> result(customId, BatchStatus.COMPLETED))
            .toArray(ProviderItemResult[]::new));
    return batch;
  }

  /** The batch {@code providerBatchId} ended at Anthropic with {@code results}. */
  private void endedWith(String providerBatchId, ProviderItemResult... results) {
    anthropic.states.put(providerBatchId, anthropic.state("ended", BatchStatus.COMPLETED, true));
    anthropic.results.put(providerBatchId, List.of(results));
  }

  private static ProviderItemResult result(String customId, BatchStatus status) {
    return new ProviderItemResult(
        customId,
        status.wireName(),
        Optional.of(status),
        "{\"custom_id\":\"" + customId + "\",\"result\":{\"type\":\"" + status.wireName() + "\"}}");
  }

  @Test
  void aBatchStillInProgressStaysRunningWithItsPollRecorded() throws Exception {
    LlmBatchJob batch = track("msgbatch_a", "a-1");
    anthropic.states.put("msgbatch_a", anthropic.state("in_progress", BatchStatus.RUNNING, false));

    runCycle();

    LlmBatchJob polled = store.batchOf(batch.id());
    assertThat(polled.status()).isEqualTo(BatchStatus.RUNNING);
    assertThat(polled.lastPolledAt()).isEqualTo(start.plusSeconds(1));
    assertThat(polled.latestPollResponse()).contains("in_progress");
    assertThat(store.itemsOf(batch.id()))
        .singleElement()
        .satisfies(item -> assertThat(item.requestStatus()).isEqualTo(BatchStatus.CREATED));
    assertThat(events.events()).contains("poll 1 batches, 0 completed, 0 items");
  }

  @Test
  void theCycleSummaryTellsHowLongItsStatusWriteTook() throws Exception {
    track("msgbatch_slow", "s-1");
    anthropic.states.put(
        "msgbatch_slow", anthropic.state("in_progress", BatchStatus.RUNNING, false));
    store.whileRecordingPolls(() -> clock.advance(Duration.ofMillis(7)));

    runCycle();

    assertThat(events.lastPollCycle().statusWrite()).isEqualTo(Duration.ofMillis(7));
    assertThat(events.lastPollCycle().duration()).isGreaterThanOrEqualTo(Duration.ofMillis(7));
  }

  @Test
  void aCycleWhoseBatchesAllEndedWritesNoStatus() throws Exception {
    trackedAndCompleted("msgbatch_done", "d-1");
    store.whileRecordingPolls(() -> clock.advance(Duration.ofMillis(7)));

    runCycle();

    assertThat(events.lastPollCycle().completed()).isEqualTo(1);
    assertThat(events.lastPollCycle().statusWrite()).isZero();
  }

  @Test
  void anEndedBatchHasAllItsResultsStoredInChunksThenCompletesAndIsNotPolledAgain()
      throws Exception {
    LlmBatchJob batch = track("msgbatch_b", "b-1", "b-2", "b-3");
    endedWith(
        "msgbatch_b",
        result("b-2", BatchStatus.FAILED),
        result("b-1", BatchStatus.COMPLETED),
        result("b-3", BatchStatus.COMPLETED));

    runCycle();
    int callsAfterCompletion = anthropic.retrievals();
    runCycle();
    runCycle();

    assertThat(store.batchOf(batch.id()).status()).isEqualTo(BatchStatus.COMPLETED);
    assertThat(store.batchOf(batch.id()).completedAt()).isNotNull();
    assertThat(store.itemsOf(batch.id()))
        .extracting(LlmBatchItem::customId, LlmBatchItem::requestStatus)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("b-1", BatchStatus.COMPLETED),
            org.assertj.core.groups.Tuple.tuple("b-2", BatchStatus.FAILED),
            org.assertj.core.groups.Tuple.tuple("b-3", BatchStatus.COMPLETED));
    assertThat(store.itemsOf(batch.id())).allSatisfy(item -> assertThat(item.result()).isNotNull());
    assertThat(anthropic.retrievals()).isEqualTo(callsAfterCompletion);
    assertThat(completions).containsExactly("msgbatch_b completed 3");
  }

  @Test
  void aResultsStreamCutHalfwayLeavesTheBatchRunningAndTheNextCycleFinishesIt() throws Exception {
    LlmBatchJob batch = trackedAndCompleted("msgbatch_c", "c-1", "c-2", "c-3");
    anthropic.cutStreamsAfter = 2;

    runCycle();
    assertThat(store.batchOf(batch.id()).status()).isEqualTo(BatchStatus.RUNNING);
    assertThat(store.batchOf(batch.id()).pollError()).contains("fetching results failed");
    anthropic.cutStreamsAfter = -1;
    runCycle();

    assertThat(store.batchOf(batch.id()).status()).isEqualTo(BatchStatus.COMPLETED);
    assertThat(store.batchOf(batch.id()).pollError()).isNull();
    assertThat(store.itemsOf(batch.id()))
        .allSatisfy(item -> assertThat(item.requestStatus()).isEqualTo(BatchStatus.COMPLETED));
  }

  @Test
  void aFailedOrRefusedProviderCallIsRecordedAndTheBatchPolledAgain() throws Exception {
    LlmBatchJob flaky = track("msgbatch_flaky", "f-1");
    LlmBatchJob refused = track("msgbatch_refused", "r-1");
    anthropic.failures.put(
        "msgbatch_flaky",
        new LlmProviderRetryableException(LlmProvider.ANTHROPIC, 529, "overloaded", null));
    anthropic.failures.put(
        "msgbatch_refused",
        new LlmProviderRejectedException(LlmProvider.ANTHROPIC, 404, "not_found_error"));

    runCycle();

    assertThat(store.batchOf(flaky.id()).status()).isEqualTo(BatchStatus.RUNNING);
    assertThat(store.batchOf(flaky.id()).pollError()).isEqualTo("overloaded");
    assertThat(store.batchOf(refused.id()).pollError()).isEqualTo("not_found_error");
    assertThat(store.listRunningBatches(start.minusSeconds(1), OptionalInt.empty())).hasSize(2);
  }

  @Test
  void anUnknownProviderStateKeepsTheStatusAndTheBatchPolled() throws Exception {
    LlmBatchJob batch = track("msgbatch_d", "d-1");
    anthropic.states.put(
        "msgbatch_d",
        new ProviderBatchState(
            LlmProvider.ANTHROPIC,
            "msgbatch_d",
            "teleporting",
            Optional.empty(),
            new ProviderRequestCounts(1, 0, 0, 0, 0),
            List.of(),
            "{\"processing_status\":\"teleporting\"}"));

    runCycle();

    assertThat(store.batchOf(batch.id()).status()).isEqualTo(BatchStatus.RUNNING);
    assertThat(store.batchOf(batch.id()).latestPollResponse()).contains("teleporting");
  }

  @Test
  void aFailedBatchWithoutResultsTakesItsFinalStatus() throws Exception {
    LlmBatchJob batch = track("msgbatch_e", "e-1");
    anthropic.states.put("msgbatch_e", anthropic.state("failed", BatchStatus.FAILED, false));

    runCycle();

    assertThat(store.batchOf(batch.id()).status()).isEqualTo(BatchStatus.FAILED);
    assertThat(completions).containsExactly("msgbatch_e failed 0");
  }

  @Test
  void theLimitRotatesThroughTheBatchesOldestPollFirst() throws Exception {
    PollLlmBatchesJob limited =
        new PollLlmBatchesJob(
            new PollLlmBatchesJob.Settings(Duration.ofDays(14), OptionalInt.of(1), 2),
            store,
            Map.of(LlmProvider.ANTHROPIC, anthropic),
            providerCalls,
            clock,
            (batch, status, items) -> {},
            events);
    track("msgbatch_1", "x");
    track("msgbatch_2", "y");

    for (int i = 0; i < 4; i++) {
      clock.advance(Duration.ofSeconds(1));
      limited.run(
          new JobTask.RunContext(1, PollLlmBatchesJob.NAME, "baton-self", TERM, Instant.EPOCH));
    }

    assertThat(anthropic.retrievedIds())
        .containsExactly("msgbatch_1", "msgbatch_2", "msgbatch_1", "msgbatch_2");
  }

  @Test
  void aWriteUnderAStaleTermAbortsTheCycle() {
    track("msgbatch_f", "f-1");
    currentTerm.set(2);

    assertThatThrownBy(this::runCycle).isInstanceOf(FencedOutException.class);
  }

  /** A provider that answers from scripts, as the real one would over the wire. */
  private static final class ScriptedProvider implements LlmBatchProviderPort {
    final LlmProvider provider;
    final Map<String, ProviderBatchState> states = new HashMap<>();
    final Map<String, List<ProviderItemResult>> results = new HashMap<>();
    final Map<String, RuntimeException> failures = new HashMap<>();
    final Map<String, RuntimeException> resultFailures = new HashMap<>();
    private final List<String> retrieved = new ArrayList<>();
    volatile int cutStreamsAfter = -1;

    ScriptedProvider(LlmProvider provider) {
      this.provider = provider;
    }

    ProviderBatchState state(String providerState, BatchStatus status, boolean withResults) {
      return new ProviderBatchState(
          provider,
          "ignored",
          providerState,
          Optional.of(status),
          new ProviderRequestCounts(0, 0, 0, 0, 0),
          withResults ? List.of("results") : List.of(),
          "{\"processing_status\":\"" + providerState + "\"}");
    }

    synchronized int retrievals() {
      return retrieved.size();
    }

    synchronized List<String> retrievedIds() {
      return List.copyOf(retrieved);
    }

    @Override
    public LlmProvider provider() {
      return provider;
    }

    @Override
    public ProviderBatchState retrieveBatch(String providerBatchId) {
      synchronized (this) {
        retrieved.add(providerBatchId);
      }
      RuntimeException failure = failures.get(providerBatchId);
      if (failure != null) {
        throw failure;
      }
      ProviderBatchState scripted =
          states.getOrDefault(providerBatchId, state("in_progress", BatchStatus.RUNNING, false));
      return new ProviderBatchState(
          provider,
          providerBatchId,
          scripted.providerState(),
          scripted.batonStatus(),
          scripted.requestCounts(),
          scripted.resultSources(),
          scripted.rawJson());
    }

    @Override
    public long streamItemResults(ProviderBatchState batch, Consumer<ProviderItemResult> sink) {
      RuntimeException failure = resultFailures.get(batch.providerBatchId());
      if (failure != null) {
        throw failure;
      }
      List<ProviderItemResult> lines = results.getOrDefault(batch.providerBatchId(), List.of());
      long handed = 0;
      for (ProviderItemResult line : lines) {
        if (cutStreamsAfter >= 0 && handed == cutStreamsAfter) {
          throw new LlmProviderRetryableException(provider, 200, "results stream cut", null);
        }
        sink.accept(line);
        handed++;
      }
      return handed;
    }
  }

  @Test
  void aBatchThatEndsHasItsWebhookWrittenWithItsFinalStatusAndOneThatRunsHasNone()
      throws Exception {
    PollLlmBatchesJob announcing =
        new PollLlmBatchesJob(
            new PollLlmBatchesJob.Settings(Duration.ofDays(14), OptionalInt.empty(), 2),
            store,
            new InMemoryPollRequests(store, () -> TERM),
            Map.of(LlmProvider.ANTHROPIC, anthropic),
            providerCalls,
            clock,
            (batch, status, items) -> {},
            events,
            new CompletionWebhooks(
                Optional.of("https://hooks.example.com/baton"), Optional.empty()));
    LlmBatchJob ended = track("msgbatch_w", "w-1");
    LlmBatchJob running = track("msgbatch_r", "r-1");
    endedWith("msgbatch_w", result("w-1", BatchStatus.COMPLETED));
    anthropic.states.put("msgbatch_r", anthropic.state("in_progress", BatchStatus.RUNNING, false));

    announcing.run(
        new JobTask.RunContext(1, PollLlmBatchesJob.NAME, "baton-self", TERM, Instant.EPOCH));

    assertThat(store.forBatch(ended.id()))
        .singleElement()
        .satisfies(
            delivery -> {
              assertThat(delivery.eventType()).isEqualTo("batch.completed");
              assertThat(delivery.url()).isEqualTo("https://hooks.example.com/baton");
              assertThat(delivery.payload()).contains("\"completed\":1");
            });
    assertThat(store.forBatch(running.id())).isEmpty();
  }

  @Test
  void resultsGoneAtTheProviderAreAskedForUntilTheGiveUpThenTheBatchFails() throws Exception {
    PollLlmBatchesJob job =
        new PollLlmBatchesJob(
            new PollLlmBatchesJob.Settings(
                Duration.ofDays(14), OptionalInt.empty(), 2, Duration.ofHours(24)),
            store,
            new InMemoryPollRequests(store, () -> TERM),
            Map.of(LlmProvider.ANTHROPIC, anthropic),
            providerCalls,
            clock,
            (batch, status, items) ->
                completions.add(batch.providerBatchId() + " " + status.wireName() + " " + items),
            events,
            new CompletionWebhooks(
                Optional.of("https://hooks.example.com/baton"), Optional.empty()));
    LlmBatchJob archived = track("msgbatch_archived", "a-1");
    anthropic.states.put(
        "msgbatch_archived", anthropic.state("ended", BatchStatus.COMPLETED, true));
    anthropic.resultFailures.put(
        "msgbatch_archived",
        new LlmProviderRejectedException(LlmProvider.ANTHROPIC, 404, "anthropic answered 404"));
    Instant firstAnswer = clock.now();

    job.run(new JobTask.RunContext(1, PollLlmBatchesJob.NAME, "baton-self", TERM, Instant.EPOCH));
    clock.advance(Duration.ofHours(23));
    job.run(new JobTask.RunContext(2, PollLlmBatchesJob.NAME, "baton-self", TERM, Instant.EPOCH));

    LlmBatchJob waiting = store.find(archived.id()).orElseThrow().batch();
    assertThat(waiting.status()).isEqualTo(BatchStatus.RUNNING);
    assertThat(waiting.pollError()).isEqualTo("results unavailable: anthropic answered 404");
    assertThat(completions).isEmpty();

    clock.advance(Duration.ofHours(1));
    job.run(new JobTask.RunContext(3, PollLlmBatchesJob.NAME, "baton-self", TERM, Instant.EPOCH));

    LlmBatchJob failed = store.find(archived.id()).orElseThrow().batch();
    assertThat(failed.status()).isEqualTo(BatchStatus.FAILED);
    assertThat(failed.pollError())
        .isEqualTo(
            "results unavailable since "
                + firstAnswer
                + ", given up after PT24H: anthropic answered 404");
    assertThat(completions).containsExactly("msgbatch_archived failed 0");
    assertThat(store.forBatch(archived.id()))
        .singleElement()
        .satisfies(delivery -> assertThat(delivery.eventType()).isEqualTo("batch.failed"));
  }

  @Test
  void otherResultFailuresAreRetriedWithoutEnd() throws Exception {
    LlmBatchJob flaky = track("msgbatch_flaky", "f-1");
    anthropic.states.put("msgbatch_flaky", anthropic.state("ended", BatchStatus.COMPLETED, true));
    anthropic.resultFailures.put(
        "msgbatch_flaky",
        new LlmProviderRetryableException(
            LlmProvider.ANTHROPIC, 503, "anthropic answered 503", null));

    runCycle();
    clock.advance(Duration.ofDays(3));
    runCycle();

    LlmBatchJob stillRunning = store.find(flaky.id()).orElseThrow().batch();
    assertThat(stillRunning.status()).isEqualTo(BatchStatus.RUNNING);
    assertThat(stillRunning.pollError()).startsWith("fetching results failed");
  }
}
