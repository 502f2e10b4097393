package dev.baton.bootstrap;

import dev.baton.adapters.llm.ProviderRequestObserver;
import dev.baton.application.SchedulerLifecycle;
import dev.baton.application.port.in.MetricsQuery;
import dev.baton.domain.JobRunOutcome;
import dev.baton.domain.LlmProvider;
import dev.baton.domain.LockAttemptResult;
import dev.baton.domain.LossReason;
import dev.baton.domain.PollCycleSummary;
import dev.baton.domain.SchedulerRole;
import dev.baton.domain.port.SchedulerEventsPort;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Scheduler events as Micrometer meters, scraped in Prometheus' text format. Names follow DESIGN.md
 * §6 once Prometheus' naming adds the unit and {@code _total} suffixes ({@code baton.lock.attempts}
 * becomes {@code baton_lock_attempts_total}). Labels stay low-cardinality: enum values and job
 * names only.
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

  MicrometerMetrics() {
    acquisitions =
        Counter.builder("baton.leadership.acquisitions")
            .description("Leaderships this instance took")
            .register(registry);
    fencedRejections =
        Counter.builder("baton.fenced.writes.rejected")
            .description("Leader-side writes rejected because a newer term exists")
            .register(registry);
    itemsUpdated =
        Counter.builder("baton.batch.items.updated")
            .description("Batch item results stored")
            .register(registry);
    pollCycles =
        Timer.builder("baton.poll.cycle.duration")
            .description("How long a run of the batch polling job took")
            .register(registry);
    // Registered up front so every series exists from the start and rate() sees the first event.
    for (LossReason reason : LossReason.values()) {
      losses.put(
          reason,
          Counter.builder("baton.leadership.losses")
              .description("Leaderships this instance lost, by reason")
              .tag("reason", reason.wireName())
              .register(registry));
    }
    for (LockAttemptResult result : LockAttemptResult.values()) {
      lockAttempts.put(
          result,
          Counter.builder("baton.lock.attempts")
              .description("Attempts to take the leader lock, by result")
              .tag("result", result.wireName())
              .register(registry));
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
    registry.counter("baton.job.runs", "job", jobName, "outcome", outcome.wireName()).increment();
    Timer.builder("baton.job.run.duration")
        .description("How long job runs took")
        .tag("job", jobName)
        .register(registry)
        .record(duration);
  }

  @Override
  public void pollCycleCompleted(PollCycleSummary summary) {
    for (PollCycleSummary.PolledBatch batch : summary.polled()) {
      registry
          .counter(
              "baton.batches.polled",
              "provider",
              batch.provider().wireName(),
              "status",
              batch.outcome())
          .increment();
    }
    itemsUpdated.increment(summary.itemsUpdated());
    pollCycles.record(summary.duration());
  }

  @Override
  public void requestAnswered(LlmProvider provider, String code) {
    registry
        .counter("baton.provider.requests", "provider", provider.wireName(), "code", code)
        .increment();
  }

  @Override
  public String contentType() {
    return "text/plain; version=0.0.4; charset=utf-8";
  }

  @Override
  public String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    gcMetrics.close();
    registry.close();
  }
}
