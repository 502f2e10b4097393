package dev.baton.bootstrap;

import dev.baton.adapters.llm.ProviderRequestObserver;
import dev.baton.application.SchedulerLifecycle;
import dev.baton.application.port.in.MetricsQuery;
import dev.baton.application.port.in.MetricsQuery.Scrape;
import dev.baton.domain.JobRunOutcome;
import dev.baton.domain.LlmProvider;
import dev.baton.domain.LockAttemptResult;
import dev.baton.domain.LossReason;
import dev.baton.domain.PollCycleSummary;
import dev.baton.domain.ProviderWebhookOutcome;
import dev.baton.domain.SchedulerRole;
import dev.baton.domain.WebhookAttemptOutcome;
import dev.baton.domain.port.ClockPort;
import dev.baton.domain.port.SchedulerEventsPort;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Scheduler events as Micrometer meters, scraped in Prometheus' text format or OpenMetrics. Names
 * are Baton's documented ones once Prometheus' naming adds the unit and {@code _total} suffixes
 * ({@code baton.lock.attempts} becomes {@code baton_lock_attempts_total}). Labels stay
 * low-cardinality: enum values and job names only. Durations are histograms with buckets that fit
 * them, every meter has a help text, and the scrape passes {@code promtool check metrics}.
 */
final class MicrometerMetrics
    implements SchedulerEventsPort, MetricsQuery, ProviderRequestObserver, AutoCloseable {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Counter acquisitions;
  private final Counter fencedRejections;
  private final Map<LossReason, Counter> losses = new EnumMap<>(LossReason.class);
  private final Map<LockAttemptResult, Counter> lockAttempts =
      new EnumMap<>(LockAttemptResult.class);
  private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
  private final Counter itemsUpdated;
  private final Timer pollCycles;
  private final ClockPort clock;
  private final Map<String, AtomicLong> lastSuccess = new ConcurrentHashMap<>();
  private final Map<WebhookAttemptOutcome, Counter> webhookAttempts =
      new EnumMap<>(WebhookAttemptOutcome.class);
  private final AtomicLong webhooksPending = new AtomicLong();

  /** A job run: a probe takes milliseconds, a poll cycle over many batches minutes. */
  private static final Duration[] RUN_BUCKETS = {
    Duration.ofMillis(10),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10),
    Duration.ofSeconds(30),
    Duration.ofMinutes(1),
    Duration.ofMinutes(2),
    Duration.ofMinutes(5),
    Duration.ofMinutes(10),
    Duration.ofMinutes(30)
  };

  static final String OPEN_METRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  MicrometerMetrics(ClockPort clock, String version) {
    this.clock = clock;
    registry
        .config()
        // Micrometer's CPU time is in nanoseconds, a unit Prometheus' naming rules out; the usage
        // gauge says the same in a form Prometheus reads.
        .meterFilter(MeterFilter.denyNameStartsWith("process.cpu.time"))
        // "_count" is the suffix of histogram series; a plain gauge must not end in it.
        .meterFilter(
            new MeterFilter() {
              @Override
              public Meter.Id map(Meter.Id id) {
                return id.getName().equals("system.cpu.count") ? id.withName("system.cpus") : id;
              }
            });
    Gauge.builder("baton.build.info", () -> 1)
        .description("Always 1; the version label says which Baton runs")
        .tag("version", version)
        .register(registry);
    acquisitions = counter("baton.leadership.acquisitions", "Leaderships this instance took");
    fencedRejections =
        counter(
            "baton.fenced.writes.rejected",
            "Leader-side writes rejected because a newer term exists");
    itemsUpdated = counter("baton.batch.items.updated", "Batch item results stored");
    pollCycles =
        Timer.builder("baton.poll.cycle.duration")
            .description("How long a run of the batch polling job took")
            .serviceLevelObjectives(RUN_BUCKETS)
            .register(registry);
    // Registered up front so every series exists from the start and rate() sees the first event.
    countEach(
        losses,
        LossReason.values(),
        LossReason::wireName,
        Counter.builder("baton.leadership.losses")
            .description("Leaderships this instance lost, by reason"),
        "reason");
    countEach(
        lockAttempts,
        LockAttemptResult.values(),
        LockAttemptResult::wireName,
        Counter.builder("baton.lock.attempts")
            .description("Attempts to take the leader lock, by result"),
        "result");
    countEach(
        webhookAttempts,
        WebhookAttemptOutcome.values(),
        WebhookAttemptOutcome::wireName,
        Counter.builder("baton.webhook.deliveries")
            .description("Attempts to deliver a completion webhook, by what they came to"),
        "outcome");
    Gauge.builder("baton.webhook.pending", webhooksPending, AtomicLong::get)
        .description(
            "Completion webhooks not yet delivered nor given up, as the leader last counted")
        .register(registry);
    // Only OpenAI sends its own webhooks to Baton.
    for (ProviderWebhookOutcome outcome : ProviderWebhookOutcome.values()) {
      providerWebhook(LlmProvider.OPENAI, outcome);
    }
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    gcMetrics.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
  }

  /** {@code baton_leader} (1 while this instance leads) and {@code baton_leader_term}. */
  void watch(SchedulerLifecycle lifecycle) {
    Gauge.builder("baton.leader", lifecycle, l -> l.role() == SchedulerRole.LEADER ? 1 : 0)
        .description("1 while this instance leads, else 0")
        .register(registry);
    Gauge.builder(
            "baton.leader.term", lifecycle, l -> l.lastTerm().map(Long::doubleValue).orElse(0.0))
        .description("The term this instance leads, or last led, under; 0 before any")
        .register(registry);
  }

  private Counter counter(String name, String description) {
    return Counter.builder(name).description(description).register(registry);
  }

  /** A counter for each of {@code values}, told apart by the label {@code tag}. */
  private <E extends Enum<E>> void countEach(
      Map<E, Counter> counters,
      E[] values,
      Function<E, String> wireName,
      Counter.Builder counter,
      String tag) {
    for (E value : values) {
      counters.put(value, counter.tag(tag, wireName.apply(value)).register(registry));
    }
  }

  @Override
  public void lockAttempted(LockAttemptResult result) {
    lockAttempts.get(result).increment();
  }

  @Override
  public void leadershipAcquired(long term) {
    acquisitions.increment();
  }

  @Override
  public void leadershipLost(long term, LossReason reason) {
    losses.get(reason).increment();
  }

  @Override
  public void fencedWriteRejected(String operation) {
    fencedRejections.increment();
  }

  @Override
  public void jobRunFinished(String jobName, JobRunOutcome outcome, Duration duration) {
    Counter.builder("baton.job.runs")
        .description("Finished job runs, by job and outcome")
        .tag("job", jobName)
        .tag("outcome", outcome.wireName())
        .register(registry)
        .increment();
    Timer.builder("baton.job.run.duration")
        .description("How long job runs took")
        .tag("job", jobName)
        .serviceLevelObjectives(RUN_BUCKETS)
        .register(registry)
        .record(duration);
    if (outcome == JobRunOutcome.SUCCEEDED) {
      lastSuccess
          .computeIfAbsent(
              jobName,
              name -> {
                AtomicLong seconds = new AtomicLong();
                Gauge.builder("baton.job.last.success.timestamp.seconds", seconds, AtomicLong::get)
                    .description("When a run of the job last succeeded on this instance, Unix time")
                    .tag("job", name)
                    .register(registry);
                return seconds;
              })
          .set(clock.now().getEpochSecond());
    }
  }

  /** The registry, for binders outside this class (the connection pool's). */
  MeterRegistry registry() {
    return registry;
  }

  @Override
  public void pollCycleCompleted(PollCycleSummary summary) {
    for (PollCycleSummary.PolledBatch batch : summary.polled()) {
      Counter.builder("baton.batches.polled")
          .description("Batches polled, by provider and the status their state maps to")
          .tag("provider", batch.provider().wireName())
          .tag("status", batch.outcome())
          .register(registry)
          .increment();
    }
    itemsUpdated.increment(summary.itemsUpdated());
    pollCycles.record(summary.duration());
  }

  @Override
  public void webhookAttempted(WebhookAttemptOutcome outcome) {
    webhookAttempts.get(outcome).increment();
  }

  @Override
  public void webhooksPending(long pending) {
    webhooksPending.set(pending);
  }

  @Override
  public void providerWebhookReceived(LlmProvider provider, ProviderWebhookOutcome outcome) {
    providerWebhook(provider, outcome).increment();
  }

  private Counter providerWebhook(LlmProvider provider, ProviderWebhookOutcome outcome) {
    return Counter.builder("baton.provider.webhooks")
        .description("Webhooks a provider sent to this instance, by what became of them")
        .tag("provider", provider.wireName())
        .tag("outcome", outcome.wireName())
        .register(registry);
  }

  @Override
  public void requestAnswered(LlmProvider provider, String code) {
    Counter.builder("baton.provider.requests")
        .description("HTTP attempts to a provider, retries included, by status code")
        .tag("provider", provider.wireName())
        .tag("code", code)
        .register(registry)
        .increment();
  }

  @Override
  public Scrape scrape(String accept) {
    boolean openMetrics = accept != null && accept.contains("application/openmetrics-text");
    String contentType = openMetrics ? OPEN_METRICS : PROMETHEUS_TEXT;
    return new Scrape(contentType, registry.scrape(contentType));
  }

  @Override
  public void close() {
    gcMetrics.close();
    registry.close();
  }
}
