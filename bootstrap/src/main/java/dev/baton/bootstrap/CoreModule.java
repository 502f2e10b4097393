package dev.baton.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.baton.adapters.http.ApiTokens;
import dev.baton.adapters.http.BatonHttpServer;
import dev.baton.adapters.http.BearerToken;
import dev.baton.adapters.http.HttpApi;
import dev.baton.adapters.http.HttpServerSettings;
import dev.baton.adapters.llm.ProviderRequestObserver;
import dev.baton.application.BatchCompletionListener;
import dev.baton.application.BatchTrackingService;
import dev.baton.application.ClusterService;
import dev.baton.application.DeliverWebhooksJob;
import dev.baton.application.InstanceRegistration;
import dev.baton.application.Jitter;
import dev.baton.application.JobDefinition;
import dev.baton.application.JobScheduler;
import dev.baton.application.JobsService;
import dev.baton.application.LifecycleExecutors;
import dev.baton.application.PollLlmBatchesJob;
import dev.baton.application.ProbeJob;
import dev.baton.application.SchedulerLifecycle;
import dev.baton.application.SchedulerReadiness;
import dev.baton.application.SchedulerSettings;
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
import dev.baton.domain.port.BatchPollerPort;
import dev.baton.domain.port.BatchTrackingPort;
import dev.baton.domain.port.ClockPort;
import dev.baton.domain.port.InstanceRegistryPort;
import dev.baton.domain.port.JobRunPort;
import dev.baton.domain.port.LeadershipHistoryPort;
import dev.baton.domain.port.LeadershipPort;
import dev.baton.domain.port.PollRequestPort;
import dev.baton.domain.port.ProviderWebhookInboxPort;
import dev.baton.domain.port.SchedulerEventsPort;
import dev.baton.domain.port.WebhookDeliveryPort;
import dev.baton.embedded.internal.ProviderClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What every backend shares: the clock, the lifecycle, the jobs, the HTTP server. */
final class CoreModule extends AbstractModule {
  private final BatonConfig config;
  private final InstanceId instanceId;
  private final HttpServerSettings httpSettings;
  private final ApiTokens tokens;

  CoreModule(BatonConfig config, InstanceId instanceId) {
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
    // Everything the process uses is bound here or in a backend module, on purpose.
    binder().requireExplicitBindings();
  }

  @Provides
  BatonConfig config() {
    return config;
  }

  @Provides
  InstanceId instanceId() {
    return instanceId;
  }

  @Provides
  @Singleton
  ClockPort clock() {
    return new SystemClock();
  }

  @Provides
  @Singleton
  MicrometerMetrics metrics(ClockPort clock) {
    return new MicrometerMetrics(clock, BatonVersion.current());
  }

  @Provides
  @Singleton
  SchedulerEventsPort events(MicrometerMetrics metrics) {
    return metrics;
  }

  @Provides
  @Singleton
  MetricsQuery metricsQuery(MicrometerMetrics metrics, SchedulerLifecycle lifecycle) {
    metrics.watch(lifecycle);
    return metrics;
  }

  @Provides
  @Singleton
  ClusterService cluster(
      InstanceRegistryPort registry,
      LeadershipPort leadership,
      LeadershipHistoryPort history,
      ClockPort clock) {
    return new ClusterService(registry, leadership, history, clock);
  }

  @Provides
  @Singleton
  JobsService jobsService(
      JobScheduler jobs, JobRunPort runs, SchedulerLifecycle lifecycle, ClockPort clock) {
    return new JobsService(jobs, runs, lifecycle, clock);
  }

  @Provides
  @Singleton
  InstanceRegistration registration(
      InstanceRegistryPort registry,
      SchedulerLifecycle lifecycle,
      ClockPort clock,
      LifecycleExecutors executors) {
    return new InstanceRegistration(
        new InstanceRegistration.Description(
            instanceId.value(),
            HostName.local(),
            ProcessHandle.current().pid(),
            BatonVersion.current()),
        registry,
        lifecycle,
        clock,
        executors.housekeeping());
  }

  @Provides
  @Singleton
  SchedulerSettings schedulerSettings() {
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

  @Provides
  @Singleton
  LifecycleExecutors executors() {
    return LifecycleExecutors.named();
  }

  @Provides
  @Singleton
  ProviderClients providerClients(MicrometerMetrics metrics) {
    return providerClients(config, metrics);
  }

  /**
   * The clients of the providers whose API key is configured; their errors mask every configured
   * secret.
   */
  static ProviderClients providerClients(BatonConfig config, ProviderRequestObserver observer) {
    return new ProviderClients(
        config
            .anthropicApiKey()
            .map(
                key ->
                    new ProviderClients.Access(config.anthropicBaseUrl().toString(), key.value())),
        config
            .openAiApiKey()
            .map(key -> new ProviderClients.Access(config.openAiBaseUrl().toString(), key.value())),
        config.providerConcurrency(),
        observer,
        config.secretValues());
  }

  @Provides
  @Singleton
  ConfiguredWebhooks webhooks(
      WebhookDeliveryPort outbox, ClockPort clock, SchedulerEventsPort events) {
    return ConfiguredWebhooks.from(config, outbox, clock, events);
  }

  @Provides
  @Singleton
  WebhookDeliveriesService webhookDeliveries(
      BatchTrackingPort batches, WebhookDeliveryPort outbox, ClockPort clock) {
    return new WebhookDeliveriesService(batches, outbox, clock);
  }

  @Provides
  @Singleton
  PollLlmBatchesJob pollJob(
      BatchPollerPort store,
      PollRequestPort pollRequests,
      ProviderClients providers,
      ClockPort clock,
      SchedulerEventsPort events,
      ConfiguredWebhooks webhooks,
      Provider<JobScheduler> scheduler) {
    BatchCompletionListener logged = new LoggingBatchCompletions();
    return new PollLlmBatchesJob(
        new PollLlmBatchesJob.Settings(
            Duration.ofDays(7L * config.lookbackWeeks()),
            config.batchSize(),
            PollLlmBatchesJob.Settings.DEFAULT_RESULT_CHUNK_SIZE,
            config.resultsGiveUp()),
        store,
        pollRequests,
        providers.clients(),
        providers.calls(),
        clock,
        (batch, finalStatus, items) -> {
          logged.batchCompleted(batch, finalStatus, items);
          // Its webhook is in the outbox now: send it without waiting for the next second.
          scheduler.get().wake(DeliverWebhooksJob.NAME);
        },
        events,
        webhooks.events());
  }

  @Provides
  @Singleton
  ProviderWebhookService providerWebhooks(
      ProviderWebhookInboxPort inbox, ClockPort clock, SchedulerEventsPort events) {
    Map<LlmProvider, WebhookSecret> secrets = new EnumMap<>(LlmProvider.class);
    config.openAiWebhookSecret().ifPresent(secret -> secrets.put(LlmProvider.OPENAI, secret));
    return new ProviderWebhookService(secrets, inbox, clock, events);
  }

  @Provides
  @Singleton
  BatchTrackingService batchTracking(
      BatchTrackingPort store, ClockPort clock, ConfiguredWebhooks webhooks) {
    return new BatchTrackingService(store, clock, webhooks.batchUrls());
  }

  @Provides
  @Singleton
  List<JobDefinition> jobs(PollLlmBatchesJob pollJob, ConfiguredWebhooks webhooks) {
    List<JobDefinition> jobs = new ArrayList<>();
    // BATON_ENABLE_BATCH_JOB_POLLING=false removes only this job; with none left the scheduler
    // reports DISABLED.
    if (config.pollingEnabled()) {
      jobs.add(
          new JobDefinition(
              PollLlmBatchesJob.NAME, config.pollInterval(), config.pollJitter(), pollJob));
    }
    webhooks.job().ifPresent(jobs::add);
    if (config.probeJobEnabled()) {
      jobs.add(ProbeJob.every(config.probeJobInterval()));
    }
    return List.copyOf(jobs);
  }

  @Provides
  @Singleton
  JobScheduler jobScheduler(
      List<JobDefinition> jobs,
      JobRunPort runs,
      SchedulerEventsPort events,
      ClockPort clock,
      LifecycleExecutors executors) {
    return new JobScheduler(
        jobs, runs, events, clock, executors.timer(), executors.jobWorkers(), Jitter.random());
  }

  @Provides
  @Singleton
  SchedulerLifecycle lifecycle(
      SchedulerSettings settings,
      LeadershipPort leadership,
      JobScheduler jobs,
      JobRunPort runs,
      SchedulerEventsPort events,
      ClockPort clock,
      LifecycleExecutors executors) {
    return new SchedulerLifecycle(settings, leadership, jobs, runs, events, clock, executors);
  }

  @Provides
  @Singleton
  SchedulerStatusService schedulerStatus(
      SchedulerLifecycle lifecycle,
      JobScheduler jobs,
      LeadershipPort leadership,
      JobRunPort runs,
      DatabaseBackend backend) {
    return new SchedulerStatusService(lifecycle, jobs, leadership, runs, backend.name());
  }

  @Provides
  @Singleton
  SchedulerReadiness readiness(SchedulerLifecycle lifecycle) {
    return new SchedulerReadiness(lifecycle);
  }

  @Provides
  @Singleton
  BatonHttpServer httpServer(
      SchedulerStatusService status,
      SchedulerReadiness readiness,
      ClusterService cluster,
      JobsService jobs,
      MetricsQuery metrics,
      BatchTrackingService batches,
      WebhookDeliveriesService deliveries,
      ProviderWebhookService providerWebhooks) {
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
    return new BatonHttpServer(
        httpSettings,
        new HttpApi(
            status,
            readiness,
            cluster,
            cluster,
            jobs,
            jobs,
            jobs,
            jobs,
            metrics,
            batches,
            deliveries,
            providerWebhooks),
        tokens);
  }
}
