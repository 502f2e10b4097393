package dev.baton.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.baton.adapters.http.ApiTokens;
import dev.baton.adapters.http.BatonHttpServer;
import dev.baton.adapters.http.BearerToken;
import dev.baton.adapters.http.HttpApi;
import dev.baton.adapters.http.HttpServerSettings;
import dev.baton.application.ClusterService;
import dev.baton.application.JobsService;
import dev.baton.application.SchedulerStatusService;
import dev.baton.application.WebhookDeliveriesService;
import dev.baton.application.port.in.MetricsQuery;
import dev.baton.application.webhook.ProviderWebhookService;
import dev.baton.application.webhook.WebhookSecret;
import dev.baton.bootstrap.config.BatonConfig;
import dev.baton.bootstrap.config.ConfigException;
import dev.baton.bootstrap.config.ConfigKey;
import dev.baton.domain.InstanceId;
import dev.baton.domain.LlmProvider;
import dev.baton.embedded.internal.Backend;
import dev.baton.embedded.internal.Engine;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The service: the scheduler core the library assembles ({@link Engine}), made from the
 * configuration, with the metrics bound to it and the HTTP API on it.
 */
final class ServiceModule extends AbstractModule {
  private final BatonConfig config;
  private final InstanceId instanceId;
  private final HttpServerSettings httpSettings;
  private final ApiTokens tokens;

  /**
   * @throws ConfigException when a token is no bearer token
   */
  ServiceModule(BatonConfig config, InstanceId instanceId) {
    this.config = config;
    this.instanceId = instanceId;
    this.httpSettings = new HttpServerSettings(config.httpHost(), config.httpPort());
    this.tokens =
        new ApiTokens(
            token(ConfigKey.BATON_ADMIN_TOKEN, config.adminToken()),
            token(ConfigKey.BATON_READ_TOKEN, config.readToken()));
  }

  /** Checked here, before anything starts, so a token a header cannot carry stops startup. */
  private static Optional<BearerToken> token(ConfigKey key, Optional<BatonConfig.Secret> secret) {
    try {
      return BearerToken.fromConfiguration(secret.map(BatonConfig.Secret::value).orElse(null));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key, e.getMessage());
    }
  }

  @Override
  protected void configure() {
    // Everything the process uses is bound here, on purpose.
    binder().requireExplicitBindings();
  }

  @Provides
  @Singleton
  MicrometerMetrics metrics() {
    return new MicrometerMetrics(Clock.systemUTC()::instant, Engine.version());
  }

  @Provides
  @Singleton
  Engine engine(MicrometerMetrics metrics) {
    Engine engine = ConfiguredEngine.engine(config, instanceId, metrics, metrics);
    engine.backend().ownPool().ifPresent(pool -> PoolMeters.bind(pool, metrics.registry()));
    return engine;
  }

  @Provides
  @Singleton
  MetricsQuery metricsQuery(MicrometerMetrics metrics, Engine engine) {
    metrics.watch(engine.lifecycle());
    return metrics;
  }

  @Provides
  @Singleton
  SchedulerStatusService schedulerStatus(Engine engine) {
    return new SchedulerStatusService(
        engine.lifecycle(),
        engine.jobs(),
        engine.leadership(),
        engine.jobRuns(),
        engine.backend().name());
  }

  @Provides
  @Singleton
  BatonHttpServer httpServer(
      Engine engine,
      SchedulerStatusService status,
      MetricsQuery metrics,
      MicrometerMetrics events) {
    // Here, not in the constructor: commands that serve no HTTP (migrate, status) may run anywhere.
    if (!tokens.allowOpenReadsOn(httpSettings)) {
      throw new ConfigException(
          ConfigKey.BATON_HTTP_HOST,
          "'"
              + config.httpHost()
              + "' is not a loopback address, and without a token anyone reaching it could read"
              + " every stored batch result; set BATON_READ_TOKEN or BATON_ADMIN_TOKEN (or"
              + " BATON_READ_TOKEN_FILE / BATON_ADMIN_TOKEN_FILE), or bind 127.0.0.1");
    }
    Backend database = engine.backend();
    ClusterService cluster =
        new ClusterService(
            engine.instances(), engine.leadership(), database.leadershipHistory(), engine.clock());
    JobsService jobs =
        new JobsService(engine.jobs(), engine.jobRuns(), engine.lifecycle(), engine.clock());
    Map<LlmProvider, WebhookSecret> webhookSecrets = new EnumMap<>(LlmProvider.class);
    config
        .openAiWebhookSecret()
        .ifPresent(secret -> webhookSecrets.put(LlmProvider.OPENAI, secret));
    return new BatonHttpServer(
        httpSettings,
        new HttpApi(
            status,
            engine.readiness(),
            cluster,
            cluster,
            jobs,
            jobs,
            jobs,
            jobs,
            metrics,
            engine.batches(),
            new WebhookDeliveriesService(
                database.batchTracking(), database.webhookDeliveries(), engine.clock()),
            new ProviderWebhookService(
                webhookSecrets, database.providerWebhookInbox(), engine.clock(), events)),
        tokens);
  }
}
