package dev.baton.embedded;

import dev.baton.adapters.postgres.PostgresConnections;
import dev.baton.adapters.postgres.PostgresSettings;
import dev.baton.adapters.sqlite.SqliteFailures;
import dev.baton.adapters.webhook.Webhooks;
import dev.baton.application.BatchTrackingService;
import dev.baton.application.DeliverWebhooksJob;
import dev.baton.application.InstanceRegistration;
import dev.baton.application.Jitter;
import dev.baton.application.JobDefinition;
import dev.baton.application.JobScheduler;
import dev.baton.application.LifecycleExecutors;
import dev.baton.application.PollLlmBatchesJob;
import dev.baton.application.SchedulerLifecycle;
import dev.baton.application.schedule.JobSchedule;
import dev.baton.application.webhook.HostResolver;
import dev.baton.application.webhook.WebhookDestinationPolicy;
import dev.baton.application.webhook.WebhookDestinationRefusedException;
import dev.baton.application.webhook.WebhookSecret;
import dev.baton.application.webhook.WebhookSettings;
import dev.baton.domain.DatabaseFailure;
import dev.baton.domain.InstanceId;
import dev.baton.domain.WebhookEvents;
import dev.baton.domain.port.ClockPort;
import dev.baton.domain.port.JobRunPort;
import dev.baton.domain.port.SchedulerEventsPort;
import dev.baton.embedded.internal.ProviderClients;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a {@link Baton} is made of — the database's ports, the job scheduler, the lifecycle, the
 * instance registration — and the order they start and stop in.
 */
final class Engine {
  private static final Logger log = LoggerFactory.getLogger(Baton.class);
  private static final Duration FIRST_RETRY = Duration.ofMillis(200);
  private static final Duration MAX_RETRY = Duration.ofSeconds(5);

  /** What the builder collected. */
  record Config(
      String postgresUrl,
      DataSource postgresDataSource,
      Path sqliteFile,
      String schema,
      long lockKey,
      String instanceId,
      boolean migrate,
      List<JobSpec> jobs,
      List<SchedulerEventsPort> listeners,
      Settings settings,
      Optional<LlmBatches> llmBatches,
      List<Consumer<CompletedBatch>> completions,
      Optional<WebhookSettings> webhooks) {}

  /** A job as the builder took it. */
  record JobSpec(String name, JobSchedule schedule, Optional<Duration> timeout, Task task) {}

  private final Config config;
  private final InstanceId instanceId;
  private final ClockPort clock = Clock.systemUTC()::instant;
  private final Backend backend;
  private final JobRunPort jobRuns;
  private final LifecycleExecutors executors = LifecycleExecutors.named();
  private final JobScheduler jobs;
  private final SchedulerLifecycle lifecycle;
  private final InstanceRegistration registration;
  private final Optional<ProviderClients> providers;
  private final Optional<Webhooks> webhooks;
  private final BatchTrackingService batches;
  private final CountDownLatch migrated = new CountDownLatch(1);
  private volatile String notReady = "its migrations have not run yet";
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile Thread starter;

  /**
   * Puts the engine together; no connection yet.
   *
   * @throws BatonStartException when an SQLite file's directory cannot be created
   */
  static Engine create(Config config) {
    try {
      return new Engine(config);
    } catch (UncheckedIOException e) {
      // Only SQLite touches the disk this early: it creates the directory of its file.
      throw new BatonStartException(
          SqliteFailures.classify(e).map(DatabaseFailure::cause).orElse(e.getMessage()), e);
    }
  }

  private Engine(Config config) {
    this.config = config;
    this.instanceId = new InstanceId(config.instanceId());
    this.backend =
        config.sqliteFile() != null
            ? new SqliteBackend(
                "jdbc:sqlite:" + config.sqliteFile(), config.lockKey(), instanceId, clock)
            : new PostgresBackend(
                new PostgresSettings(
                    connections(config),
                    instanceId,
                    config.lockKey(),
                    config.settings().takeoverGrace(),
                    config.settings().lockSessionSocketTimeout(),
                    config.schema()));
    this.jobRuns = backend.jobRuns();
    SchedulerEventsPort events = CompositeEvents.of(config.listeners());
    this.providers =
        config
            .llmBatches()
            .map(
                polling ->
                    new ProviderClients(
                        polling.anthropicAccess(),
                        polling.openAiAccess(),
                        polling.concurrency(),
                        (provider, status) -> {}));
    this.batches = new BatchTrackingService(backend.batchTracking(), clock);
    this.webhooks =
        config
            .webhooks()
            .map(
                settings ->
                    new Webhooks(
                        settings, backend.webhookDeliveries(), clock, events, secrets(config)));
    List<JobDefinition> definitions = new ArrayList<>();
    config.jobs().stream().map(this::definition).forEach(definitions::add);
    config.llmBatches().ifPresent(polling -> definitions.add(pollingJob(polling, events)));
    webhooks.ifPresent(sender -> definitions.add(sender.job()));
    this.jobs =
        new JobScheduler(
            definitions,
            jobRuns,
            events,
            clock,
            executors.timer(),
            executors.jobWorkers(),
            Jitter.random());
    this.lifecycle =
        new SchedulerLifecycle(
            config.settings().scheduler(instanceId),
            backend.leadership(clock),
            jobs,
            jobRuns,
            events,
            clock,
            executors);
    this.registration =
        new InstanceRegistration(
            new InstanceRegistration.Description(
                instanceId.value(), hostName(), ProcessHandle.current().pid(), version()),
            backend.instances(),
            lifecycle,
            clock,
            executors.housekeeping());
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  /** An instance id: the prefix and a random suffix, unique per process. */
  static String newInstanceId(String prefix) {
    byte[] bytes = new byte[6];
    RANDOM.nextBytes(bytes);
    return prefix + "-" + HexFormat.of().formatHex(bytes);
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

  /** What no recorded error may show: the API keys and the webhooks' signing secret. */
  private static List<String> secrets(Config config) {
    List<String> secrets =
        new ArrayList<>(config.llmBatches().map(LlmBatches::apiKeys).orElse(List.of()));
    config.webhooks().ifPresent(settings -> secrets.add(settings.secret().encoded()));
    return secrets;
  }

  private static PostgresConnections connections(Config config) {
    if (config.postgresDataSource() != null) {
      return new PostgresConnections.HostPool(config.postgresDataSource());
    }
    // One connection a running job, two for Baton's own statements, and the polling job's writes
    // beside its provider calls.
    int polling = config.llmBatches().map(LlmBatches::concurrency).orElse(0);
    return new PostgresConnections.OwnPool(
        config.postgresUrl(), Math.max(4, config.jobs().size() + 2 + polling));
  }

  private JobDefinition pollingJob(LlmBatches polling, SchedulerEventsPort events) {
    ProviderClients clients = providers.orElseThrow();
    List<Consumer<CompletedBatch>> completions = config.completions();
    return new JobDefinition(
        PollLlmBatchesJob.NAME,
        JobSchedule.every(polling.interval()),
        polling.jitter(),
        Optional.empty(),
        new PollLlmBatchesJob(
            new PollLlmBatchesJob.Settings(
                polling.lookback(),
                polling.batchSize(),
                PollLlmBatchesJob.Settings.DEFAULT_RESULT_CHUNK_SIZE),
            backend.batchPoller(),
            backend.pollRequests(),
            clients.clients(),
            clients.calls(),
            clock,
            (batch, status, items) -> {
              CompletedBatch completed =
                  new CompletedBatch(
                      batch.id(),
                      batch.provider().wireName(),
                      batch.providerBatchId(),
                      status.wireName(),
                      items);
              // Its webhook is in the outbox now: send it without waiting for the next second.
              webhooks.ifPresent(sender -> jobs.wake(DeliverWebhooksJob.NAME));
              for (Consumer<CompletedBatch> listener : completions) {
                try {
                  listener.accept(completed);
                } catch (RuntimeException e) {
                  log.warn("A batch completion listener failed for batch {}", batch.id(), e);
                }
              }
            },
            events,
            webhooks.map(Webhooks::events).orElse(WebhookEvents.NONE)));
  }

  private JobDefinition definition(JobSpec spec) {
    return new JobDefinition(
        spec.name(),
        spec.schedule(),
        Duration.ZERO,
        spec.timeout(),
        context -> spec.task().run(new FencedRun(context, backend.fencing())));
  }

  InstanceId instanceId() {
    return instanceId;
  }

  ClockPort clock() {
    return clock;
  }

  JobRunPort jobRuns() {
    return jobRuns;
  }

  JobScheduler jobs() {
    return jobs;
  }

  BatchTrackingService batches() {
    return batches;
  }

  boolean pollsLlmBatches() {
    return providers.isPresent();
  }

  SchedulerLifecycle lifecycle() {
    return lifecycle;
  }

  /**
   * One connection attempt on this thread — wrong settings throw at once — then migrations and the
   * leadership on a thread of Baton's, retried while the database is unreachable.
   */
  void start() {
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("this Baton was started before");
    }
    try {
      backend.checkConnection();
    } catch (RuntimeException e) {
      Optional<DatabaseFailure> failure = backend.classify(e);
      if (failure.isPresent() && failure.get().kind() == DatabaseFailure.Kind.MISCONFIGURED) {
        close();
        throw new BatonStartException(backend.location() + ": " + failure.get().cause(), e);
      }
      log.warn(
          "Database {} unreachable at start ({}); Baton goes on trying in the background",
          backend.location(),
          failure.map(DatabaseFailure::cause).orElse(e.getMessage()));
    }
    Thread thread = new Thread(this::migrateThenLead, "baton-start");
    thread.setDaemon(true);
    starter = thread;
    thread.start();
  }

  private void migrateThenLead() {
    Duration delay = FIRST_RETRY;
    while (!closed.get()) {
      try {
        if (config.migrate()) {
          backend.migrate();
        }
        break;
      } catch (RuntimeException e) {
        Optional<DatabaseFailure> failure = backend.classify(e);
        notReady = failure.map(DatabaseFailure::cause).orElse(e.getMessage());
        if (failure.isPresent() && !failure.get().isTransient()) {
          log.error(
              "Baton cannot use {}: {}; its jobs will not run",
              backend.location(),
              failure.get().cause());
          return;
        }
        log.warn(
            "Database {} unreachable, retrying in {} ms: {}",
            backend.location(),
            delay.toMillis(),
            failure.map(DatabaseFailure::cause).orElse(e.getMessage()));
        if (!pause(delay)) {
          return;
        }
        delay = delay.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : delay.multipliedBy(2);
      }
    }
    if (closed.get()) {
      return;
    }
    migrated.countDown();
    registration.start();
    lifecycle.start();
    log.info("Baton instance {} started with {} job(s)", instanceId, config.jobs().size());
  }

  /**
   * Waits up to {@code maxWait} for Baton's tables, which {@link #start} migrates in the
   * background.
   *
   * @throws IllegalStateException when they are not there in time, with the last reason
   */
  void awaitDatabase(Duration maxWait) {
    try {
      if (migrated.await(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new IllegalStateException(
        "Baton's database " + backend.location() + " is not ready: " + notReady);
  }

  private boolean pause(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The reverse of {@link #start}: the lifecycle's shutdown, the registration, the database. */
  void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    Thread thread = starter;
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(Duration.ofSeconds(10).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      lifecycle.shutdown();
      providers.ifPresent(ProviderClients::close);
      webhooks.ifPresent(Webhooks::close);
      registration.stop();
    } finally {
      backend.close();
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      String fromEnvironment = System.getenv("HOSTNAME");
      return fromEnvironment == null ? "unknown" : fromEnvironment;
    }
  }

  private static String version() {
    String version = Baton.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
