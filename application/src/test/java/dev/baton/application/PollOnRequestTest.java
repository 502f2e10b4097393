package dev.baton.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.domain.BatchStatus;
import dev.baton.domain.LlmBatchJob;
import dev.baton.domain.LlmProvider;
import dev.baton.domain.NewBatch;
import dev.baton.domain.ProviderBatchState;
import dev.baton.domain.ProviderItemResult;
import dev.baton.domain.ProviderRequestCounts;
import dev.baton.domain.RunTrigger;
import dev.baton.domain.WebhookEvents;
import dev.baton.domain.port.LlmBatchProviderPort;
import dev.baton.testsupport.fakes.InMemoryBatchStore;
import dev.baton.testsupport.fakes.InMemoryPollRequests;
import dev.baton.testsupport.fakes.RecordingSchedulerEvents;
import dev.baton.testsupport.fakes.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Polls asked for by providers' webhooks: first in a run, between its calls, or by a woken run. */
class PollOnRequestTest {
  private static final long TERM = 1;
  private final SettableClock clock = SettableClock.atEpochDay();
  private final Instant start = clock.now();
  private final AtomicLong currentTerm = new AtomicLong(TERM);
  private final InMemoryBatchStore store = new InMemoryBatchStore(clock, currentTerm::get);
  private final InMemoryPollRequests requests = new InMemoryPollRequests(store, currentTerm::get);
  private final OpenAi provider = new OpenAi();
  // One call at a time, so the order of the calls is the order of the queue.
  private final ExecutorService providerCalls = Executors.newSingleThreadExecutor();
  private final List<String> completions = new ArrayList<>();

  private PollLlmBatchesJob job(OptionalInt batchSize) {
    return new PollLlmBatchesJob(
        new PollLlmBatchesJob.Settings(Duration.ofDays(14), batchSize, 100),
        store,
        requests,
        Map.of(LlmProvider.OPENAI, provider),
        providerCalls,
        clock,
        (batch, status, items) -> completions.add(batch.providerBatchId()),
        new RecordingSchedulerEvents(),
        WebhookEvents.NONE);
  }

  @AfterEach
  void stop() {
    providerCalls.shutdownNow();
  }

  private LlmBatchJob track(String providerBatchId) {
    return store.create(
        new NewBatch(LlmProvider.OPENAI, providerBatchId, List.of(providerBatchId + "-1")), start);
  }

  /** A scheduled run of {@code job} on another thread, waiting on the held provider. */
  private CompletableFuture<Void> runningUntilTheProviderIsCalled(PollLlmBatchesJob job)
      throws InterruptedException {
    CompletableFuture<Void> running =
        CompletableFuture.runAsync(
            () -> {
              try {
                job.run(run(RunTrigger.SCHEDULED));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    assertThat(provider.called.await(10, TimeUnit.SECONDS)).isTrue();
    return running;
  }

  private static JobTask.RunContext run(RunTrigger trigger) {
    return new JobTask.RunContext(
        1, PollLlmBatchesJob.NAME, "baton-self", TERM, Instant.EPOCH, trigger);
  }

  @Test
  void aWokenRunPollsOnlyTheRequestedBatchesAndClearsTheirRequests() throws Exception {
    track("batch_a");
    LlmBatchJob b = track("batch_b");
    track("batch_c");
    provider.ended.add("batch_b");
    requests.request(b.id(), start);
    PollLlmBatchesJob job = job(OptionalInt.empty());
    assertThat(job.hasWorkAskedFor()).isTrue();

    job.run(run(RunTrigger.WOKEN));

    assertThat(provider.retrieved).containsExactly("batch_b");
    assertThat(store.batchOf(b.id()).status()).isEqualTo(BatchStatus.COMPLETED);
    assertThat(store.itemsOf(b.id())).allMatch(item -> item.result() != null);
    assertThat(completions).containsExactly("batch_b");
    assertThat(requests.requestedPolls(10)).isEmpty();
    assertThat(job.hasWorkAskedFor()).isFalse();
  }

  @Test
  void aScheduledRunPollsTheRequestedBatchesFirst() throws Exception {
    track("batch_a");
    track("batch_b");
    LlmBatchJob c = track("batch_c");
    requests.request(c.id(), start);

    job(OptionalInt.empty()).run(run(RunTrigger.SCHEDULED));

    assertThat(provider.retrieved).containsExactly("batch_c", "batch_a", "batch_b");
    assertThat(requests.clears()).isEqualTo(1);
    assertThat(store.batchOf(c.id()).lastPolledAt()).isNotNull();
  }

  @Test
  void aRequestMadeWhileARunWaitsOnTheProviderIsServedByThatRun() throws Exception {
    track("batch_a");
    LlmBatchJob late = track("batch_late");
    provider.ended.add("batch_late");
    provider.hold("batch_a");
    // A batch size of one: the run lists only batch_a, never polled, oldest.
    PollLlmBatchesJob job = job(OptionalInt.of(1));
    CompletableFuture<Void> running = runningUntilTheProviderIsCalled(job);

    requests.request(late.id(), clock.now());
    clock.advance(Duration.ofSeconds(1));
    provider.release.countDown();
    running.get(10, TimeUnit.SECONDS);

    assertThat(provider.retrieved).containsExactly("batch_a", "batch_late");
    assertThat(store.batchOf(late.id()).status()).isEqualTo(BatchStatus.COMPLETED);
    assertThat(requests.requestedPolls(10)).isEmpty();
  }

  @Test
  void aRequestWhileAStalledCallGoesOnIsServedBeforeThatCallEnds() throws Exception {
    track("batch_a");
    LlmBatchJob late = track("batch_late");
    provider.hold("batch_a");
    ExecutorService twoCalls = Executors.newFixedThreadPool(2);
    try {
      PollLlmBatchesJob job =
          new PollLlmBatchesJob(
              new PollLlmBatchesJob.Settings(Duration.ofDays(14), OptionalInt.of(1), 100),
              store,
              requests,
              Map.of(LlmProvider.OPENAI, provider),
              twoCalls,
              clock,
              (batch, status, items) -> {},
              new RecordingSchedulerEvents(),
              WebhookEvents.NONE);
      CompletableFuture<Void> running = runningUntilTheProviderIsCalled(job);

      requests.request(late.id(), clock.now());

      // The run looks again each time its wait on the stalled call times out.
      await().atMost(Duration.ofSeconds(10)).until(() -> requests.clears() == 1);
      assertThat(provider.retrieved).containsExactly("batch_a", "batch_late");
      assertThat(running).isNotDone();
      provider.release.countDown();
      await().atMost(Duration.ofSeconds(10)).until(running::isDone);
    } finally {
      provider.release.countDown();
      twoCalls.shutdownNow();
    }
  }

  /** OpenAI as far as these tests need it: every batch in progress unless said to have ended. */
  private static final class OpenAi implements LlmBatchProviderPort {
    final Set<String> ended = ConcurrentHashMap.newKeySet();
    final List<String> retrieved = java.util.Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch called = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    private volatile String held;

    void hold(String providerBatchId) {
      held = providerBatchId;
    }

    @Override
    public LlmProvider provider() {
      return LlmProvider.OPENAI;
    }

    @Override
    public ProviderBatchState retrieveBatch(String providerBatchId) {
      retrieved.add(providerBatchId);
      if (providerBatchId.equals(held)) {
        called.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
      }
      boolean done = ended.contains(providerBatchId);
      return new ProviderBatchState(
          LlmProvider.OPENAI,
          providerBatchId,
          done ? "completed" : "in_progress",
          Optional.of(done ? BatchStatus.COMPLETED : BatchStatus.RUNNING),
          new ProviderRequestCounts(1, done ? 1 : 0, 0, 0, 0),
          done ? List.of("output_file") : List.of(),
          "{\"status\":\"" + (done ? "completed" : "in_progress") + "\"}");
    }

    @Override
    public long streamItemResults(ProviderBatchState batch, Consumer<ProviderItemResult> sink) {
      String customId = batch.providerBatchId() + "-1";
      sink.accept(
          new ProviderItemResult(
              customId,
              "completed",
              Optional.of(BatchStatus.COMPLETED),
              "{\"custom_id\":\"" + customId + "\"}"));
      return 1;
    }
  }
}
