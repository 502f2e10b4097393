package dev.baton.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.domain.JobRunOutcome;
import dev.baton.domain.LlmProvider;
import dev.baton.domain.LockAttemptResult;
import dev.baton.domain.LossReason;
import dev.baton.domain.PollCycleSummary;
import dev.baton.domain.ProviderWebhookOutcome;
import dev.baton.testsupport.fakes.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MicrometerMetricsTest {
  private final SettableClock clock = SettableClock.atEpochDay();
  private final MicrometerMetrics metrics = new MicrometerMetrics(clock, "1.2.3");

  @AfterEach
  void close() {
    metrics.close();
  }

  private String scrape() {
    return metrics.scrape(null).body();
  }

  @Test
  void durationsAreHistogramsWithBucketsFromMillisecondsToHalfAnHour() {
    metrics.jobRunFinished("probe", JobRunOutcome.SUCCEEDED, Duration.ofMillis(30));

    assertThat(scrape())
        .contains("# TYPE baton_job_run_duration_seconds histogram")
        .contains("baton_job_run_duration_seconds_bucket{job=\"probe\",le=\"0.01\"} 0")
        .contains("baton_job_run_duration_seconds_bucket{job=\"probe\",le=\"0.05\"} 1")
        .contains("baton_job_run_duration_seconds_bucket{job=\"probe\",le=\"1800.0\"} 1")
        .contains("# TYPE baton_poll_cycle_duration_seconds histogram");
  }

  @Test
  void aSucceededRunSetsItsJobsLastSuccessTimestamp() {
    Instant now = clock.now();
    metrics.jobRunFinished("probe", JobRunOutcome.SUCCEEDED, Duration.ofMillis(5));
    clock.advance(Duration.ofSeconds(30));
    metrics.jobRunFinished("probe", JobRunOutcome.FAILED, Duration.ofMillis(5));

    assertThat(scrape())
        .contains(
            "baton_job_last_success_timestamp_seconds{job=\"probe\"} "
                + (double) now.getEpochSecond());
  }

  @Test
  void theBuildInfoNamesTheVersion() {
    assertThat(scrape()).contains("baton_build_info{version=\"1.2.3\"} 1");
  }

  @Test
  void everyProviderWebhookOutcomeIsThereFromTheStartAndCounts() {
    for (ProviderWebhookOutcome outcome : ProviderWebhookOutcome.values()) {
      assertThat(scrape())
          .contains(
              "baton_provider_webhooks_total{outcome=\""
                  + outcome.wireName()
                  + "\",provider=\"openai\"} 0.0");
    }

    metrics.providerWebhookReceived(LlmProvider.OPENAI, ProviderWebhookOutcome.ACCEPTED);
    metrics.providerWebhookReceived(LlmProvider.OPENAI, ProviderWebhookOutcome.ACCEPTED);

    assertThat(scrape())
        .contains("baton_provider_webhooks_total{outcome=\"accepted\",provider=\"openai\"} 2.0")
        .contains("baton_provider_webhooks_total{outcome=\"replayed\",provider=\"openai\"} 0.0");
  }

  @Test
  void openMetricsIsAnsweredWhenTheAcceptHeaderAsksForIt() {
    dev.baton.application.port.in.MetricsQuery.Scrape open =
        metrics.scrape("application/openmetrics-text; version=1.0.0,text/plain;q=0.5");

    assertThat(open.contentType()).startsWith("application/openmetrics-text; version=1.0.0");
    assertThat(open.body()).endsWith("# EOF\n");
    assertThat(metrics.scrape("text/plain").contentType())
        .isEqualTo("text/plain; version=0.0.4; charset=utf-8");
  }

  @Test
  void everyMeterPassesPromtool() throws Exception {
    metrics.lockAttempted(LockAttemptResult.ACQUIRED);
    metrics.leadershipAcquired(1);
    metrics.leadershipLost(1, LossReason.SESSION_LOST);
    metrics.fencedWriteRejected("store item results");
    metrics.jobRunFinished("poll_llm_batches", JobRunOutcome.SUCCEEDED, Duration.ofSeconds(2));
    metrics.jobRunFinished("poll_llm_batches", JobRunOutcome.FAILED, Duration.ofSeconds(1));
    metrics.requestAnswered(LlmProvider.ANTHROPIC, "200");
    metrics.providerWebhookReceived(LlmProvider.OPENAI, ProviderWebhookOutcome.STALE_TIMESTAMP);
    metrics.pollCycleCompleted(
        new PollCycleSummary(
            Duration.ofSeconds(2),
            Duration.ofMillis(40),
            1,
            0,
            3,
            List.of(new PollCycleSummary.PolledBatch(LlmProvider.OPENAI, "running"))));

    Promtool.Result result = Promtool.checkMetrics(scrape());

    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  @Test
  void everyWebhookOutcomeIsThereFromTheStartAndThePendingGaugeFollowsTheLeader() {
    assertThat(scrape())
        .contains("baton_webhook_deliveries_total{outcome=\"delivered\"} 0.0")
        .contains("baton_webhook_deliveries_total{outcome=\"retried\"} 0.0")
        .contains("baton_webhook_deliveries_total{outcome=\"failed\"} 0.0")
        .contains("baton_webhook_pending 0.0");

    metrics.webhookAttempted(dev.baton.domain.WebhookAttemptOutcome.RETRIED);
    metrics.webhooksPending(3);

    assertThat(scrape())
        .contains("baton_webhook_deliveries_total{outcome=\"retried\"} 1.0")
        .contains("baton_webhook_pending 3.0");
  }
}
