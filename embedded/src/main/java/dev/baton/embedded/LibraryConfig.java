package dev.baton.embedded;

import dev.baton.adapters.postgres.PostgresConnections;
import dev.baton.application.BatchCompletionListener;
import dev.baton.application.JobDefinition;
import dev.baton.application.schedule.JobSchedule;
import dev.baton.application.webhook.HostResolver;
import dev.baton.application.webhook.WebhookDestinationPolicy;
import dev.baton.application.webhook.WebhookDestinationRefusedException;
import dev.baton.application.webhook.WebhookSecret;
import dev.baton.application.webhook.WebhookSettings;
import dev.baton.domain.InstanceId;
import dev.baton.domain.port.SchedulerEventsPort;
import dev.baton.embedded.internal.EngineConfig;
import dev.baton.persistence.FencedTransactions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the builder collected, and the engine's configuration it makes of it. */
record LibraryConfig(
    String postgresUrl,
    DataSource postgresDataSource,
    Path sqliteFile,
    String schema,
    long lockKey,
    InstanceId instanceId,
    boolean migrate,
    List<JobSpec> jobs,
    List<SchedulerEventsPort> listeners,
    Settings settings,
    Optional<LlmBatches> llmBatches,
    List<Consumer<CompletedBatch>> completions,
    Optional<WebhookSettings> webhooks) {
  private static final Logger log = LoggerFactory.getLogger(Baton.class);

  /** A job as the builder took it. */
  record JobSpec(String name, JobSchedule schedule, Optional<Duration> timeout, Task task) {

    /** The scheduler's job, whose runs are fenced by {@code fencing}. */
    JobDefinition definition(FencedTransactions fencing) {
      return new JobDefinition(
          name,
          schedule,
          Duration.ZERO,
          timeout,
          context -> task.run(new FencedRun(context, fencing)));
    }
  }

  EngineConfig engineConfig() {
    List<Function<FencedTransactions, JobDefinition>> definitions = new ArrayList<>();
    jobs.forEach(job -> definitions.add(job::definition));
    return new EngineConfig(
        database(),
        lockKey,
        migrate,
        settings.scheduler(instanceId),
        settings.takeoverGrace(),
        definitions,
        CompositeEvents.of(listeners),
        llmBatches.map(LlmBatches::engineSettings),
        completionListener(),
        webhooks,
        Optional.empty(),
        (provider, status) -> {},
        secrets());
  }

  private EngineConfig.Database database() {
    if (sqliteFile != null) {
      return new EngineConfig.Database.Sqlite("jdbc:sqlite:" + sqliteFile);
    }
    PostgresConnections connections;
    if (postgresDataSource != null) {
      connections = new PostgresConnections.HostPool(postgresDataSource);
    } else {
      // One connection a running job, two for Baton's own statements, and the polling job's
      // writes beside its provider calls.
      int polling = llmBatches.map(LlmBatches::concurrency).orElse(0);
      connections =
          new PostgresConnections.OwnPool(postgresUrl, Math.max(4, jobs.size() + 2 + polling));
    }
    return new EngineConfig.Database.Postgres(connections, schema, connections.describe());
  }

  /** Each listener the builder was given, as a completed batch; one that throws is logged. */
  private BatchCompletionListener completionListener() {
    return (batch, status, items) -> {
      CompletedBatch completed =
          new CompletedBatch(
              batch.id(),
              batch.provider().wireName(),
              batch.providerBatchId(),
              status.wireName(),
              items);
      for (Consumer<CompletedBatch> listener : completions) {
        try {
          listener.accept(completed);
        } catch (RuntimeException e) {
          log.warn("A batch completion listener failed for batch {}", batch.id(), e);
        }
      }
    };
  }

  /** What no recorded error may show: the API keys and the webhooks' signing secret. */
  private List<String> secrets() {
    List<String> secrets = new ArrayList<>(llmBatches.map(LlmBatches::apiKeys).orElse(List.of()));
    webhooks.ifPresent(settings -> secrets.add(settings.secret().encoded()));
    return secrets;
  }

  /**
   * The library's completion webhooks: to the service's own URL, so private addresses are allowed.
   *
   * @throws IllegalArgumentException for a URL that is not http(s) or a malformed secret
   */
  static WebhookSettings webhookSettings(String url, String secret) {
    WebhookSecret signing = WebhookSecret.parse(Objects.requireNonNull(secret, "secret"));
    try {
      URI checked =
          new WebhookDestinationPolicy(true, HostResolver.system())
              .check(Objects.requireNonNull(url, "url"));
      return new WebhookSettings(
          Optional.of(checked.toString()),
          signing,
          Optional.empty(),
          true,
          WebhookSettings.DEFAULT_CONCURRENCY);
    } catch (WebhookDestinationRefusedException e) {
      throw new IllegalArgumentException("webhook URL " + e.getMessage(), e);
    }
  }
}
