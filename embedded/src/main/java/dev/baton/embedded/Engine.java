package dev.baton.embedded;

import dev.baton.adapters.postgres.PostgresConnections;
import dev.baton.adapters.postgres.PostgresSettings;
import dev.baton.adapters.sqlite.SqliteFailures;
import dev.baton.application.InstanceRegistration;
import dev.baton.application.Jitter;
import dev.baton.application.JobDefinition;
import dev.baton.application.JobScheduler;
import dev.baton.application.LifecycleExecutors;
import dev.baton.application.SchedulerLifecycle;
import dev.baton.application.SchedulerSettings;
import dev.baton.application.schedule.JobSchedule;
import dev.baton.domain.DatabaseFailure;
import dev.baton.domain.InstanceId;
import dev.baton.domain.port.ClockPort;
import dev.baton.domain.port.JobRunPort;
import dev.baton.domain.port.SchedulerEventsPort;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
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
      Optional<Duration> drainTimeout) {}

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
                    SchedulerSettings.DEFAULT_HEARTBEAT_INTERVAL
                        .plus(SchedulerSettings.DEFAULT_HEARTBEAT_TIMEOUT)
                        .plusSeconds(1),
                    SchedulerSettings.DEFAULT_LOCK_WAIT_SLICE.plusSeconds(5),
                    config.schema()));
    this.jobRuns = backend.jobRuns();
    SchedulerEventsPort events = CompositeEvents.of(config.listeners());
    this.jobs =
        new JobScheduler(
            config.jobs().stream().map(this::definition).toList(),
            jobRuns,
            events,
            clock,
            executors.timer(),
            executors.jobWorkers(),
            Jitter.random());
    SchedulerSettings settings = SchedulerSettings.defaults(instanceId);
    if (config.drainTimeout().isPresent()) {
      settings = settings.withDrainTimeout(config.drainTimeout().get());
    }
    this.lifecycle =
        new SchedulerLifecycle(
            settings, backend.leadership(clock), jobs, jobRuns, events, clock, executors);
    this.registration =
        new InstanceRegistration(
            new InstanceRegistration.Description(
                instanceId.value(), hostName(), ProcessHandle.current().pid(), version()),
            backend.instances(),
            lifecycle,
            clock,
            executors.housekeeping());
  }

  private static PostgresConnections connections(Config config) {
    if (config.postgresDataSource() != null) {
      return new PostgresConnections.HostPool(config.postgresDataSource());
    }
    // One connection a running job, and two for Baton's own statements.
    return new PostgresConnections.OwnPool(
        config.postgresUrl(), Math.max(4, config.jobs().size() + 2));
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
    registration.start();
    lifecycle.start();
    log.info("Baton instance {} started with {} job(s)", instanceId, config.jobs().size());
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
