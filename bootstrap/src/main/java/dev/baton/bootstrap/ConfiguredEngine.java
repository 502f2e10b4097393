package dev.baton.bootstrap;

import dev.baton.adapters.llm.ProviderRequestObserver;
import dev.baton.adapters.postgres.PostgresConnections;
import dev.baton.application.PollLlmBatchesJob;
import dev.baton.application.SchedulerSettings;
import dev.baton.application.webhook.WebhookSecret;
import dev.baton.application.webhook.WebhookSettings;
import dev.baton.bootstrap.config.BatonConfig;
import dev.baton.bootstrap.config.ConfigException;
import dev.baton.bootstrap.config.ConfigKey;
import dev.baton.bootstrap.config.ConfigLoader;
import dev.baton.domain.InstanceId;
import dev.baton.domain.port.SchedulerEventsPort;
import dev.baton.embedded.internal.Backend;
import dev.baton.embedded.internal.DatabaseProblem;
import dev.baton.embedded.internal.Engine;
import dev.baton.embedded.internal.EngineConfig;
import dev.baton.embedded.internal.ProviderClients;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The configuration as the library's engine takes it: the service runs the scheduler core that
 * {@code embedded} assembles, with the service's own jobs, timings, pool and listeners.
 */
final class ConfiguredEngine {
  /** Fenced writes, job runs, status queries and the registry beside the provider calls. */
  private static final int POOL_CONNECTIONS_BESIDE_PROVIDER_CALLS = 4;

  private ConfiguredEngine() {}

  /**
   * The scheduler core of {@code config}; no connection yet.
   *
   * @param events told what happens (the metrics)
   * @param providerRequests told of every provider answer (the metrics)
   * @throws ConfigException when the SQLite file's directory cannot be created
   */
  static Engine engine(
      BatonConfig config,
      InstanceId instanceId,
      SchedulerEventsPort events,
      ProviderRequestObserver providerRequests) {
    return opened(() -> new Engine(of(config, instanceId, events, providerRequests)));
  }

  /** Only the database of {@code config}, for commands that run no scheduler. */
  static Backend database(BatonConfig config, InstanceId instanceId) {
    EngineConfig engine = of(config, instanceId, new SchedulerEventsPort() {}, (which, code) -> {});
    return opened(() -> Backend.open(engine, Clock.systemUTC()::instant));
  }

  private static <T> T opened(Supplier<T> open) {
    try {
      return open.get();
    } catch (DatabaseProblem e) {
      // Only an SQLite file whose directory cannot be created fails before any connection.
      throw new ConfigException(ConfigKey.BATON_DATABASE_URL, e.getMessage());
    }
  }

  static EngineConfig of(
      BatonConfig config,
      InstanceId instanceId,
      SchedulerEventsPort events,
      ProviderRequestObserver providerRequests) {
    return new EngineConfig(
        database(config),
        config.leaderLockKey(),
        true,
        schedulerSettings(config, instanceId),
        config.takeoverGrace(),
        List.of(),
        events,
        Optional.of(polling(config)),
        new LoggingBatchCompletions(),
        webhooks(config),
        config.probeJobEnabled() ? Optional.of(config.probeJobInterval()) : Optional.empty(),
        providerRequests,
        config.secretValues());
  }

  private static EngineConfig.Database database(BatonConfig config) {
    return switch (config.backend()) {
      case SQLITE -> new EngineConfig.Database.Sqlite(config.databaseUrl());
      case POSTGRES ->
          new EngineConfig.Database.Postgres(
              new PostgresConnections.OwnPool(
                  connectionUrl(config),
                  config.providerConcurrency() + POOL_CONNECTIONS_BESIDE_PROVIDER_CALLS),
              config.databaseSchema(),
              ConfigLoader.maskPassword(config.databaseUrl()));
    };
  }

  /**
   * The URL with {@code BATON_DATABASE_USER} and {@code BATON_DATABASE_PASSWORD} added as its
   * parameters (the configuration makes sure the URL names neither itself).
   */
  static String connectionUrl(BatonConfig config) {
    StringBuilder url = new StringBuilder(config.databaseUrl());
    config.databaseUser().ifPresent(user -> appendParameter(url, "user", user));
    config
        .databasePassword()
        .ifPresent(password -> appendParameter(url, "password", password.value()));
    return url.toString();
  }

  private static void appendParameter(StringBuilder url, String name, String value) {
    url.append(url.indexOf("?") < 0 ? '?' : '&')
        .append(name)
        .append('=')
        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
  }

  private static SchedulerSettings schedulerSettings(BatonConfig config, InstanceId instanceId) {
    return new SchedulerSettings(
        instanceId,
        config.acquireMode(),
        config.heartbeatInterval(),
        config.heartbeatTimeout(),
        config.lockWaitSlice(),
        config.pollLockRetryInterval(),
        config.drainTimeout(),
        config.stepDownCooldown(),
        SchedulerSettings.DEFAULT_INITIAL_BACKOFF,
        SchedulerSettings.DEFAULT_MAX_BACKOFF);
  }

  /**
   * The polling job with the clients of the providers whose API key is configured; scheduled unless
   * {@code BATON_ENABLE_BATCH_JOB_POLLING=false} (which removes only this job: with none left the
   * scheduler reports DISABLED), and there for {@code poll-once} either way.
   */
  static EngineConfig.Polling polling(BatonConfig config) {
    return new EngineConfig.Polling(
        config
            .anthropicApiKey()
            .map(
                key ->
                    new ProviderClients.Access(config.anthropicBaseUrl().toString(), key.value())),
        config
            .openAiApiKey()
            .map(key -> new ProviderClients.Access(config.openAiBaseUrl().toString(), key.value())),
        config.pollInterval(),
        config.pollJitter(),
        new PollLlmBatchesJob.Settings(
            Duration.ofDays(7L * config.lookbackWeeks()),
            config.batchSize(),
            PollLlmBatchesJob.Settings.DEFAULT_RESULT_CHUNK_SIZE,
            config.resultsGiveUp()),
        config.providerConcurrency(),
        config.pollingEnabled());
  }

  /**
   * Completion webhooks: on when {@code BATON_WEBHOOK_SECRET} is set (a batch may then name its own
   * URL, and the delivery job runs), off otherwise.
   */
  private static Optional<WebhookSettings> webhooks(BatonConfig config) {
    BatonConfig.WebhookConfig webhooks = config.webhooks();
    return webhooks
        .secret()
        .map(
            secret ->
                new WebhookSettings(
                    webhooks.url(),
                    WebhookSecret.parse(secret.value()),
                    webhooks.publicBaseUrl(),
                    webhooks.allowPrivateAddresses(),
                    webhooks.concurrency()));
  }
}
