package dev.baton.benchmarks.polling;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.baton.domain.PollCycleSummary;
import dev.baton.embedded.Baton;
import dev.baton.embedded.LlmBatches;
import dev.baton.simulator.SimulatedBatch;
import dev.baton.simulator.SimulatedProvider;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Baton as a service embeds it, in this JVM: the library on a PostgreSQL pool of this rig's own
 * (timed, see {@link TimedDataSource}), polling LLM batches with C provider calls in flight against
 * the simulated provider, which answers every request after a fixed latency. Each cycle is asked
 * for with {@code runNow} and reported by the library's events.
 */
final class PollingRig implements AutoCloseable {
  private static final String ANTHROPIC_KEY = "sk-ant-bench";
  private static final String OPENAI_KEY = "sk-openai-bench";
  private static final long LOCK_KEY = 0x6261746f6e62L; // the database is the benchmark's own
  private static final Duration LOOKBACK = Duration.ofDays(7);
  private static final Duration START_PATIENCE = Duration.ofSeconds(60);
  private static final int TRACKING_THREADS = 8;

  /**
   * As Baton sizes its own pool for the polling job (C + 2), and the two connections it holds of a
   * host's pool: its lock session and the one that listens for clean releases.
   */
  private static final int POOL_CONNECTIONS_BESIDE_PROVIDER_CALLS = 4;

  private final HikariDataSource pool;
  private final SimulatedProvider simulator;
  private final TimedDataSource timedPool;
  private final CycleEvents events;
  private final Baton baton;

  private PollingRig(
      HikariDataSource pool,
      SimulatedProvider simulator,
      TimedDataSource timedPool,
      CycleEvents events,
      Baton baton) {
    this.pool = pool;
    this.simulator = simulator;
    this.timedPool = timedPool;
    this.events = events;
    this.baton = baton;
  }

  /**
   * Starts the simulated provider and Baton on the database at {@code jdbcUrl} (migrated by Baton),
   * and waits until it leads and has run its first cycle, over no batch yet.
   */
  static PollingRig open(String jdbcUrl, int concurrency, Duration latency)
      throws InterruptedException {
    return open(jdbcUrl, concurrency, latency, 0);
  }

  /**
   * As {@link #open(String, int, Duration)}, with the simulated provider limiting each provider's
   * API to {@code requestsPerMinute} (0: no limit).
   */
  static PollingRig open(String jdbcUrl, int concurrency, Duration latency, int requestsPerMinute)
      throws InterruptedException {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setPoolName("baton-bench-pool");
    config.setMaximumPoolSize(concurrency + POOL_CONNECTIONS_BESIDE_PROVIDER_CALLS);
    HikariDataSource pool = new HikariDataSource(config);
    SimulatedProvider simulator = null;
    Baton baton = null;
    try {
      simulator = new SimulatedProvider(ANTHROPIC_KEY, OPENAI_KEY).latency(latency);
      if (requestsPerMinute > 0) {
        simulator.requestsPerMinute(requestsPerMinute);
      }
      simulator.start();
      TimedDataSource timedPool = new TimedDataSource(pool);
      CycleEvents events = new CycleEvents();
      baton =
          Baton.builder()
              .postgres(timedPool)
              .lockKey(LOCK_KEY)
              .instanceId("baton-bench-poll")
              .llmBatches(
                  LlmBatches.polling()
                      .anthropic(ANTHROPIC_KEY, URI.create(simulator.anthropicBaseUrl()))
                      .openAi(OPENAI_KEY, URI.create(simulator.openAiBaseUrl()))
                      // Cycles run when asked for, never on the interval.
                      .every(Duration.ofDays(1))
                      .jitter(Duration.ZERO)
                      .lookback(LOOKBACK)
                      .concurrency(concurrency))
              .events(events)
              .start();
      events.awaitLeadership(START_PATIENCE);
      // An interval job never run before runs as its instance takes the lead.
      events.next(START_PATIENCE);
      return new PollingRig(pool, simulator, timedPool, events, baton);
    } catch (RuntimeException | InterruptedException e) {
      if (baton != null) {
        baton.close();
      }
      if (simulator != null) {
        simulator.close();
      }
      pool.close();
      throw e;
    }
  }

  /**
   * {@code count} running batches, Anthropic and OpenAI alternating, handed to Baton with {@code
   * trackBatch} on several threads and known to the simulator, which keeps them in progress at
   * every poll.
   */
  void trackRunningBatches(int count) throws InterruptedException {
    ExecutorService tracking = Executors.newFixedThreadPool(TRACKING_THREADS);
    try {
      List<Future<?>> creations = new ArrayList<>(count);
      for (int index = 0; index < count; index++) {
        int number = index;
        creations.add(
            tracking.submit(
                () -> {
                  SimulatedBatch batch =
                      number % 2 == 0
                          ? SimulatedBatch.anthropic("msgbatch_bench_" + number).build()
                          : SimulatedBatch.openAi("batch_bench_" + number).build();
                  simulator.add(batch);
                  baton.trackBatch(
                      batch.provider().wireName(), batch.id(), List.of(SimulatedBatch.customId(0)));
                }));
      }
      for (Future<?> creation : creations) {
        creation.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("tracking the benchmark's batches failed", e.getCause());
    } finally {
      tracking.shutdownNow();
    }
  }

  /**
   * One cycle of the polling job, asked for with {@code runNow}: timed by the job itself (its
   * summary's duration), with the pool's checkout time within it and the heap around it.
   *
   * @param patience how long the cycle may take before the benchmark gives up
   */
  PollThroughputReport.Cycle runCycle(Duration patience) throws InterruptedException {
    events.clear();
    CycleEvents.CycleEnd end;
    HeapSampler heap = HeapSampler.start();
    try (heap) {
      baton.runNow(CycleEvents.POLL_JOB);
      end = events.next(patience);
    }
    double databaseMs = timedPool.takeMillisWithin(end.startNanos(), end.endNanos());
    PollCycleSummary summary = end.summary();
    int failed =
        (int)
            summary.polled().stream()
                .filter(
                    polled ->
                        polled.outcome().equals("error") || polled.outcome().equals("unknown"))
                .count();
    return new PollThroughputReport.Cycle(
        summary.duration().toNanos() / 1e6,
        databaseMs,
        summary.statusWrite().toNanos() / 1e6,
        summary.batches(),
        failed,
        heap.beforeMb(),
        heap.peakMb());
  }

  /** Requests the simulated provider received so far, and how many it answered 429. */
  record ProviderRequests(long received, long rateLimited) {}

  ProviderRequests providerRequests() {
    return new ProviderRequests(simulator.requestCount(), simulator.rateLimitedAnswers());
  }

  /** Stops Baton (it gives the leadership up), the simulator and the pool; the database stays. */
  @Override
  public void close() {
    try {
      baton.close();
    } finally {
      try {
        simulator.close();
      } finally {
        pool.close();
      }
    }
  }
}
