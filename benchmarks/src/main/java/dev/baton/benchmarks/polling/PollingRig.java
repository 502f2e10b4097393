package dev.baton.benchmarks.polling;

import dev.baton.adapters.llm.AnthropicBatchProvider;
import dev.baton.adapters.llm.OpenAiBatchProvider;
import dev.baton.adapters.llm.ProviderClientSettings;
import dev.baton.adapters.postgres.PostgresAdvisoryLockLeadership;
import dev.baton.adapters.postgres.PostgresBatchStore;
import dev.baton.adapters.postgres.PostgresDatabase;
import dev.baton.adapters.postgres.PostgresFencedTransactions;
import dev.baton.adapters.postgres.PostgresSettings;
import dev.baton.application.JobTask;
import dev.baton.application.PollLlmBatchesJob;
import dev.baton.domain.BatchPollUpdate;
import dev.baton.domain.InstanceId;
import dev.baton.domain.LlmBatchJob;
import dev.baton.domain.LlmProvider;
import dev.baton.domain.NewBatch;
import dev.baton.domain.PollCycleSummary;
import dev.baton.domain.port.ClockPort;
import dev.baton.domain.port.LeaderLease;
import dev.baton.domain.port.LlmBatchProviderPort;
import dev.baton.simulator.SimulatedBatch;
import dev.baton.simulator.SimulatedProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Baton's polling core wired in this JVM as bootstrap wires it for PostgreSQL: the real store
 * behind fenced writes under a real advisory-lock term, the real provider clients, and the real
 * {@link PollLlmBatchesJob} on a pool of C threads, against the simulated provider answering every
 * request after a fixed latency.
 */
final class PollingRig implements AutoCloseable {
  private static final String ANTHROPIC_KEY = "sk-ant-bench";
  private static final String OPENAI_KEY = "sk-openai-bench";
  private static final long LOCK_KEY = 0x6261746f6e62L; // the database is the benchmark's own
  private static final Duration LOOKBACK = Duration.ofDays(7);

  /** As bootstrap sizes the pool: one connection per provider call, and room beside them. */
  private static final int POOL_CONNECTIONS_BESIDE_PROVIDER_CALLS = 4;

  private final ClockPort clock;
  private final PostgresDatabase database;
  private final PostgresAdvisoryLockLeadership leadership;
  private final LeaderLease lease;
  private final PostgresBatchStore store;
  private final SimulatedProvider simulator;
  private final AnthropicBatchProvider anthropic;
  private final OpenAiBatchProvider openAi;
  private final ExecutorService providerCalls;
  private final TimedBatchPoller timedStore;
  private final CycleEvents events = new CycleEvents();
  private final PollLlmBatchesJob job;
  private final InstanceId instanceId;
  private int cycles;

  private PollingRig(
      ClockPort clock,
      PostgresDatabase database,
      PostgresAdvisoryLockLeadership leadership,
      LeaderLease lease,
      SimulatedProvider simulator,
      int concurrency,
      InstanceId instanceId) {
    this.clock = clock;
    this.database = database;
    this.leadership = leadership;
    this.lease = lease;
    this.instanceId = instanceId;
    this.store = new PostgresBatchStore(database, new PostgresFencedTransactions(database));
    this.simulator = simulator;
    this.anthropic =
        new AnthropicBatchProvider(
            ProviderClientSettings.of(simulator.anthropicBaseUrl(), ANTHROPIC_KEY));
    this.openAi =
        new OpenAiBatchProvider(ProviderClientSettings.of(simulator.openAiBaseUrl(), OPENAI_KEY));
    AtomicInteger threads = new AtomicInteger();
    this.providerCalls =
        Executors.newFixedThreadPool(
            concurrency,
            runnable -> {
              Thread thread = new Thread(runnable, "bench-provider-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    this.timedStore = new TimedBatchPoller(store);
    Map<LlmProvider, LlmBatchProviderPort> providers =
        Map.of(LlmProvider.ANTHROPIC, anthropic, LlmProvider.OPENAI, openAi);
    this.job =
        new PollLlmBatchesJob(
            new PollLlmBatchesJob.Settings(
                LOOKBACK,
                OptionalInt.empty(),
                PollLlmBatchesJob.Settings.DEFAULT_RESULT_CHUNK_SIZE),
            timedStore,
            providers,
            providerCalls,
            clock,
            (batch, finalStatus, items) -> {},
            events);
  }

  /**
   * Migrates the database at {@code jdbcUrl}, takes the leadership (a fresh term) and starts the
   * simulated provider.
   */
  static PollingRig open(String jdbcUrl, int concurrency, Duration latency) {
    return open(jdbcUrl, concurrency, latency, 0);
  }

  /**
   * As {@link #open(String, int, Duration)}, with the simulated provider limiting each provider's
   * API to {@code requestsPerMinute} (0: no limit).
   */
  static PollingRig open(String jdbcUrl, int concurrency, Duration latency, int requestsPerMinute) {
    ClockPort clock = Clock.systemUTC()::instant;
    InstanceId instanceId = new InstanceId("baton-bench-poll");
    PostgresDatabase database =
        new PostgresDatabase(
            new PostgresSettings(
                jdbcUrl,
                instanceId,
                LOCK_KEY,
                Duration.ofSeconds(4),
                Duration.ofSeconds(30),
                concurrency + POOL_CONNECTIONS_BESIDE_PROVIDER_CALLS));
    PostgresAdvisoryLockLeadership leadership = null;
    SimulatedProvider simulator = null;
    try {
      database.migrate();
      leadership = new PostgresAdvisoryLockLeadership(database, clock);
      LeaderLease lease =
          leadership
              .tryAcquire()
              .orElseThrow(
                  () -> new IllegalStateException("the benchmark's own database has a leader"));
      simulator = new SimulatedProvider(ANTHROPIC_KEY, OPENAI_KEY).latency(latency);
      if (requestsPerMinute > 0) {
        simulator.requestsPerMinute(requestsPerMinute);
      }
      simulator.start();
      return new PollingRig(clock, database, leadership, lease, simulator, concurrency, instanceId);
    } catch (RuntimeException e) {
      if (simulator != null) {
        simulator.close();
      }
      if (leadership != null) {
        leadership.close();
      }
      database.close();
      throw e;
    }
  }

  /**
   * {@code count} running batches, Anthropic and OpenAI alternating, tracked by Baton and known to
   * the simulator, which keeps them in progress at every poll. Created through the tracking port,
   * on the provider pool.
   */
  void trackRunningBatches(int count) throws InterruptedException {
    List<Future<?>> creations = new ArrayList<>(count);
    for (int index = 0; index < count; index++) {
      int number = index;
      creations.add(
          providerCalls.submit(
              () -> {
                SimulatedBatch batch =
                    number % 2 == 0
                        ? SimulatedBatch.anthropic("msgbatch_bench_" + number).build()
                        : SimulatedBatch.openAi("batch_bench_" + number).build();
                simulator.add(batch);
                store.create(
                    new NewBatch(batch.provider(), batch.id(), List.of(SimulatedBatch.customId(0))),
                    clock.now());
              }));
    }
    awaitAll(creations);
  }

  /** Batches only Baton knows, for the status writes; the simulator is never asked about them. */
  void trackBatchesNotPolled(int count, int firstNumber) throws InterruptedException {
    List<Future<?>> creations = new ArrayList<>(count);
    for (int index = 0; index < count; index++) {
      String id = "batch_bench_status_" + (firstNumber + index);
      creations.add(
          providerCalls.submit(
              () ->
                  store.create(
                      new NewBatch(LlmProvider.OPENAI, id, List.of(SimulatedBatch.customId(0))),
                      clock.now())));
    }
    awaitAll(creations);
  }

  private static void awaitAll(List<Future<?>> futures) throws InterruptedException {
    try {
      for (Future<?> future : futures) {
        future.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("creating the benchmark's batches failed", e.getCause());
    }
  }

  /** One run of the real job, timed from call to return. */
  PollThroughputReport.Cycle runCycle() throws Exception {
    timedStore.takeMillis();
    cycles++;
    double wallMs;
    HeapSampler heap = HeapSampler.start();
    try (heap) {
      long start = System.nanoTime();
      job.run(
          new JobTask.RunContext(
              cycles, PollLlmBatchesJob.NAME, instanceId.value(), lease.term(), Instant.now()));
      wallMs = (System.nanoTime() - start) / 1e6;
    }
    double databaseMs = timedStore.takeMillis();
    PollCycleSummary summary =
        events.last().orElseThrow(() -> new IllegalStateException("the job reported no cycle"));
    int failed =
        (int)
            summary.polled().stream()
                .filter(
                    polled ->
                        polled.outcome().equals("error") || polled.outcome().equals("unknown"))
                .count();
    return new PollThroughputReport.Cycle(
        wallMs, databaseMs, summary.batches(), failed, heap.beforeMb(), heap.peakMb());
  }

  /**
   * The write a poll cycle ends with, {@code recordPolls}, for the first {@code count} running
   * batches, each with a real in-progress answer of its provider as the latest poll response.
   *
   * @return how long the write took, in milliseconds
   */
  double timeStatusWrite(int count) {
    List<LlmBatchJob> batches = store.listRunningBatches(Instant.EPOCH, OptionalInt.of(count));
    if (batches.size() < count) {
      throw new IllegalStateException(
          "only " + batches.size() + " running batches for " + count + " status updates");
    }
    String anthropicAnswer = anthropic.retrieveBatch("msgbatch_bench_0").rawJson();
    String openAiAnswer = openAi.retrieveBatch("batch_bench_1").rawJson();
    Instant polledAt = clock.now();
    List<BatchPollUpdate> updates = new ArrayList<>(count);
    for (LlmBatchJob batch : batches) {
      updates.add(
          new BatchPollUpdate(
              batch.id(),
              polledAt,
              batch.provider() == LlmProvider.ANTHROPIC ? anthropicAnswer : openAiAnswer,
              null));
    }
    long start = System.nanoTime();
    store.recordPolls(lease.term(), updates);
    return (System.nanoTime() - start) / 1e6;
  }

  /** Requests the simulated provider received so far, and how many it answered 429. */
  record ProviderRequests(long received, long rateLimited) {}

  ProviderRequests providerRequests() {
    return new ProviderRequests(simulator.requestCount(), simulator.rateLimitedAnswers());
  }

  /** Gives the leadership up and stops everything it started; the database itself stays. */
  @Override
  public void close() {
    try {
      providerCalls.shutdownNow();
      anthropic.close();
      openAi.close();
      simulator.close();
      lease.release();
    } finally {
      try {
        leadership.close();
      } finally {
        database.close();
      }
    }
  }
}
