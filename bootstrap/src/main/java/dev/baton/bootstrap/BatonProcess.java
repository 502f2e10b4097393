package dev.baton.bootstrap;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import dev.baton.adapters.http.BatonHttpServer;
import dev.baton.application.InstanceRegistration;
import dev.baton.application.SchedulerLifecycle;
import dev.baton.application.SchedulerReadiness;
import dev.baton.bootstrap.config.BatonConfig;
import dev.baton.bootstrap.config.ConfigException;
import dev.baton.bootstrap.config.ConfigKey;
import dev.baton.bootstrap.logging.Logging;
import dev.baton.domain.DatabaseFailure;
import dev.baton.domain.InstanceId;
import dev.baton.embedded.internal.ProviderClients;
import java.net.BindException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Baton process in the order of the design: injector, HTTP listening (not ready), migrations
 * retried while the database is unreachable, scheduler start, ready. {@link #stop} runs the
 * reverse: scheduler shutdown, HTTP stop, database close.
 *
 * <p>Only a database that cannot be reached now is waited for. A failure no retry cures (a wrong
 * password, an unknown role or database, an HTTP port in use) stops the process with one line
 * naming the setting at fault.
 */
final class BatonProcess {
  private static final Logger log = LoggerFactory.getLogger(BatonProcess.class);
  private static final Duration FIRST_MIGRATION_RETRY = Duration.ofMillis(200);
  private static final Duration MAX_MIGRATION_RETRY = Duration.ofSeconds(5);

  private final BatonConfig config;
  private final InstanceId instanceId;
  private final BatonHttpServer http;
  private final DatabaseBackend database;
  private final SchedulerLifecycle lifecycle;
  private final SchedulerReadiness readiness;
  private final InstanceRegistration registration;
  private final MicrometerMetrics metrics;
  private final ProviderClients providers;
  private final ConfiguredWebhooks webhooks;
  private final Injector injector;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);

  BatonProcess(BatonConfig config, InstanceId instanceId) {
    this.config = config;
    this.instanceId = instanceId;
    Logging.instanceId(instanceId);
    this.injector =
        Guice.createInjector(Stage.PRODUCTION, BatonModules.forConfig(config, instanceId));
    this.http = injector.getInstance(BatonHttpServer.class);
    this.database = injector.getInstance(DatabaseBackend.class);
    this.lifecycle = injector.getInstance(SchedulerLifecycle.class);
    this.readiness = injector.getInstance(SchedulerReadiness.class);
    this.registration = injector.getInstance(InstanceRegistration.class);
    this.metrics = injector.getInstance(MicrometerMetrics.class);
    this.providers = injector.getInstance(ProviderClients.class);
    this.webhooks = injector.getInstance(ConfiguredWebhooks.class);
  }

  /** A component of this process, for commands that drive it (such as {@code demo}). */
  <T> T component(Class<T> type) {
    return injector.getInstance(type);
  }

  int httpPort() {
    return http.port();
  }

  boolean isReady() {
    return readiness.readiness().ready();
  }

  /**
   * Starts everything and blocks until {@link #stop} has finished.
   *
   * @throws ConfigException when the HTTP address cannot be bound
   * @throws DatabaseProblem when the database refuses for good (or fails) before the first
   *     successful connection; the process is stopped by then
   */
  void runUntilStopped() throws InterruptedException {
    Thread hook = new Thread(this::stop, "baton-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      startHttp();
      log.info("Instance {} serves HTTP on port {} (not ready yet)", instanceId, http.port());
      if (migrateWithRetry()) {
        registration.start();
        lifecycle.start();
        readiness.schedulerStarted();
        log.info("Instance {} is ready", instanceId);
      }
    } catch (RuntimeException e) {
      stop();
      throw e;
    }
    stopped.await();
  }

  private void startHttp() {
    try {
      http.start();
    } catch (RuntimeException e) {
      throw httpStartFailure(e);
    }
  }

  /** Why the HTTP server could not start, naming the setting at fault. */
  private RuntimeException httpStartFailure(RuntimeException e) {
    String address = config.httpHost() + ":" + config.httpPort();
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
        return new ConfigException(
            ConfigKey.BATON_HTTP_HOST,
            "cannot resolve '" + config.httpHost() + "' to an address of this machine");
      }
      if (t instanceof BindException bind) {
        String reason = String.valueOf(bind.getMessage());
        if (reason.contains("in use")) {
          return new ConfigException(
              ConfigKey.BATON_HTTP_PORT,
              "port "
                  + config.httpPort()
                  + " on "
                  + config.httpHost()
                  + " is in use by another process; stop it or choose another port");
        }
        if (reason.contains("assign")) {
          return new ConfigException(
              ConfigKey.BATON_HTTP_HOST,
              "'" + config.httpHost() + "' is not an address of this machine (" + reason + ")");
        }
        return new StartupFailure("cannot serve HTTP on " + address + ": " + reason, e);
      }
    }
    return e;
  }

  /**
   * Applies migrations, retrying with backoff (one WARN line a step) while the database cannot be
   * reached; any other database failure ends the start.
   */
  private boolean migrateWithRetry() throws InterruptedException {
    Duration delay = FIRST_MIGRATION_RETRY;
    while (!stopping.get()) {
      DatabaseProblem problem;
      try {
        database.connectAndMigrate();
        readiness.databaseReady();
        return true;
      } catch (DatabaseProblem e) {
        problem = e;
      }
      DatabaseFailure failure = problem.failure();
      if (!failure.isTransient()) {
        throw problem;
      }
      readiness.databaseUnavailable(readinessDetail(failure));
      log.warn("Database unreachable, retrying in {} ms: {}", delay.toMillis(), failure.cause());
      Thread.sleep(delay.toMillis());
      delay =
          delay.multipliedBy(2).compareTo(MAX_MIGRATION_RETRY) > 0
              ? MAX_MIGRATION_RETRY
              : delay.multipliedBy(2);
    }
    return false;
  }

  /** What {@code /readyz} says about a database failure: one line, the database's own words. */
  static String readinessDetail(DatabaseFailure failure) {
    return (failure.isTransient() ? "database unreachable: " : "database error: ")
        + failure.cause();
  }

  /** Scheduler shutdown, then the HTTP server, then the database. Idempotent. */
  void stop() {
    if (!stopping.compareAndSet(false, true)) {
      return;
    }
    log.info("Instance {} is stopping", instanceId);
    try {
      lifecycle.shutdown();
      providers.close();
      webhooks.close();
      registration.stop();
    } finally {
      try {
        http.stop();
        log.info("HTTP server stopped");
      } finally {
        try {
          database.close();
          metrics.close();
        } finally {
          log.info("Instance {} stopped", instanceId);
          stopped.countDown();
        }
      }
    }
  }
}
