package dev.baton.embedded.internal;

import dev.baton.application.BatchTrackingService;
import dev.baton.application.InstanceRegistration;
import dev.baton.application.Jitter;
import dev.baton.application.JobDefinition;
import dev.baton.application.JobScheduler;
import dev.baton.application.LifecycleExecutors;
import dev.baton.application.PollLlmBatchesJob;
import dev.baton.application.SchedulerLifecycle;
import dev.baton.application.SchedulerReadiness;
import dev.baton.domain.DatabaseFailure;
import dev.baton.domain.InstanceId;
import dev.baton.domain.port.ClockPort;
import dev.baton.domain.port.InstanceRegistryPort;
import dev.baton.domain.port.JobRunPort;
import dev.baton.domain.port.LeadershipPort;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler core, assembled in this one place: the database's ports, the job scheduler, the
 * lifecycle and its readiness, the instance registration, Baton's own jobs, and the order they
 * start and stop in. The library's {@code Baton} runs one; the Baton service runs one behind its
 * HTTP API and metrics, starting it in the order of its process. Not part of Baton's API.
 */
public final class Engine {
  // The library's log lines have always come from Baton's logger.
  private static final Logger log = LoggerFactory.getLogger("dev.baton.embedded.Baton");
  private static final Duration FIRST_RETRY = Duration.ofMillis(200);
  private static final Duration MAX_RETRY = Duration.ofSeconds(5);

  /** Told of each failed attempt of {@link #migrateWithRetry} that is retried. */
  @FunctionalInterface
  public interface Retries {
    void retrying(DatabaseProblem problem, Duration retryIn);
  }

  private final EngineConfig config;
  private final ClockPort clock = Clock.systemUTC()::instant;
  private final Backend backend;
  private final LeadershipPort leadership;
  private final JobRunPort jobRuns;
  private final InstanceRegistryPort instances;
  private final LifecycleExecutors executors = LifecycleExecutors.named();
  private final BatonJobs own;
  private final BatchTrackingService batches;
  private final JobScheduler jobs;
  private final SchedulerLifecycle lifecycle;
  private final SchedulerReadiness readiness;
  private final InstanceRegistration registration;
  private final CountDownLatch migrated = new CountDownLatch(1);
  private volatile String notReady = "its migrations have not run yet";
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicBoolean schedulingStopped = new AtomicBoolean();
  private final AtomicBoolean databaseClosed = new AtomicBoolean();
  private volatile Thread starter;

  /**
   * Puts the core together; no connection yet.
   *
   * @throws DatabaseProblem when an SQLite file's directory cannot be created
   */
  public Engine(EngineConfig config) {
    this.config = config;
    this.backend = Backend.open(config, clock);
    // Lock attempts are the steady view of the database once started: readiness hears of them.
    this.leadership =
        new WatchedLeadership(backend.leadership(clock), backend::classify, this::readiness);
    this.jobRuns = backend.jobRuns();
    this.instances = backend.instances();
    this.own = new BatonJobs(config, backend, clock, this::jobs);
    this.batches = new BatchTrackingService(backend.batchTracking(), clock, own.batchUrls());
    List<JobDefinition> definitions = new ArrayList<>();
    config.jobs().forEach(job -> definitions.add(job.apply(backend.fencing())));
    definitions.addAll(own.definitions());
    this.jobs =
        new JobScheduler(
            definitions,
            jobRuns,
            config.events(),
            clock,
            executors.timer(),
            executors.jobWorkers(),
            Jitter.random());
    this.lifecycle =
        new SchedulerLifecycle(
            config.scheduler(), leadership, jobs, jobRuns, config.events(), clock, executors);
    this.readiness = new SchedulerReadiness(lifecycle);
    this.registration =
        new InstanceRegistration(
            new InstanceRegistration.Description(
                instanceId().value(), hostName(), ProcessHandle.current().pid(), version()),
            instances,
            lifecycle,
            clock,
            executors.housekeeping());
  }

  public InstanceId instanceId() {
    return config.scheduler().instanceId();
  }

  public ClockPort clock() {
    return clock;
  }

  public Backend backend() {
    return backend;
  }

  /** The backend's leadership, whose attempts also tell {@link #readiness} about the database. */
  public LeadershipPort leadership() {
    return leadership;
  }

  public JobRunPort jobRuns() {
    return jobRuns;
  }

  public InstanceRegistryPort instances() {
    return instances;
  }

  public JobScheduler jobs() {
    return jobs;
  }

  public SchedulerLifecycle lifecycle() {
    return lifecycle;
  }

  public SchedulerReadiness readiness() {
    return readiness;
  }

  public BatchTrackingService batches() {
    return batches;
  }

  /** The polling job when LLM batches are polled, scheduled or not. */
  public Optional<PollLlmBatchesJob> pollJob() {
    return own.pollJob();
  }

  /**
   * The library's start: one connection attempt on this thread — wrong settings throw at once —
   * then migrations and the leadership on a thread of Baton's, retried while the database is
   * unreachable.
   *
   * @throws DatabaseProblem when the settings are wrong (the engine is closed by then)
   */
  public void start() {
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("this Baton was started before");
    }
    try {
      backend.checkConnection();
    } catch (RuntimeException e) {
      Optional<DatabaseFailure> failure = backend.classify(e);
      if (failure.isPresent() && failure.get().kind() == DatabaseFailure.Kind.MISCONFIGURED) {
        close();
        throw new DatabaseProblem(failure.get(), backend.location(), e);
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
    try {
      if (!migrateWithRetry(
          (problem, delay) ->
              log.warn(
                  "Database {} unreachable, retrying in {} ms: {}",
                  backend.location(),
                  delay.toMillis(),
                  problem.getMessage()))) {
        return;
      }
    } catch (DatabaseProblem e) {
      log.error(
          "Baton cannot use {}: {}; its jobs will not run", backend.location(), e.getMessage());
      return;
    } catch (InterruptedException e) {
      return;
    }
    if (closed.get()) {
      return;
    }
    startScheduling();
    log.info("Baton instance {} started with {} job(s)", instanceId(), config.jobs().size());
  }

  /**
   * Connects and applies the migrations (unless the configuration leaves them to the host), and
   * while the database cannot be reached waits and tries again, from 200 ms doubling to 5 s;
   * readiness says why meanwhile.
   *
   * @return true once done; false when the engine was closed first
   * @throws DatabaseProblem on a failure no retry cures (a wrong password, an unknown database)
   */
  public boolean migrateWithRetry(Retries retries) throws InterruptedException {
    Duration delay = FIRST_RETRY;
    while (!closed.get()) {
      try {
        if (config.migrate()) {
          backend.connectAndMigrate();
        }
        readiness.databaseReady();
        migrated.countDown();
        return true;
      } catch (DatabaseProblem problem) {
        notReady = problem.getMessage();
        if (!problem.failure().isTransient()) {
          throw problem;
        }
        readiness.databaseUnavailable(DatabaseProblem.readinessDetail(problem.failure()));
        retries.retrying(problem, delay);
        Thread.sleep(delay.toMillis());
        delay = delay.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : delay.multipliedBy(2);
      }
    }
    return false;
  }

  /** Once the tables are there: the instance registration, the lifecycle, then ready. */
  public void startScheduling() {
    registration.start();
    lifecycle.start();
    readiness.schedulerStarted();
  }

  /**
   * Waits up to {@code maxWait} for Baton's tables, which {@link #start} migrates in the
   * background.
   *
   * @throws IllegalStateException when they are not there in time, with the last reason
   */
  public void awaitDatabase(Duration maxWait) {
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

  /**
   * The first half of {@link #close}: the start in progress ends, the lifecycle shuts down (runs
   * drain, the lock is released), the provider clients and webhook sender stop, the registration
   * ends. The database stays open for whoever still reads it. Idempotent.
   */
  public void stopScheduling() {
    closed.set(true);
    if (!schedulingStopped.compareAndSet(false, true)) {
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
      own.close();
    } finally {
      registration.stop();
    }
  }

  /** The second half of {@link #close}: the database. Idempotent. */
  public void closeDatabase() {
    if (databaseClosed.compareAndSet(false, true)) {
      backend.close();
    }
  }

  /** For a caller that used the engine's parts without starting it: clients, then database. */
  public void closeUnstarted() {
    closed.set(true);
    try {
      own.close();
    } finally {
      closeDatabase();
    }
  }

  /** The reverse of {@link #start}: the lifecycle's shutdown, the registration, the database. */
  public void close() {
    try {
      stopScheduling();
    } finally {
      closeDatabase();
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

  /** The version this jar was built as (from its manifest), for logs and the instance registry. */
  public static String version() {
    String version = Engine.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
