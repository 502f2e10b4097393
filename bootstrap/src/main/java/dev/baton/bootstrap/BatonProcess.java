package dev.baton.bootstrap;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import dev.baton.adapters.http.BatonHttpServer;
import dev.baton.application.InstanceRegistration;
import dev.baton.application.SchedulerLifecycle;
import dev.baton.application.SchedulerReadiness;
import dev.baton.bootstrap.config.BatonConfig;
import dev.baton.domain.InstanceId;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Baton process in the order of the design: injector, HTTP listening (not ready), migrations
 * retried while the database is unreachable, scheduler start, ready. {@link #stop} runs the
 * reverse: scheduler shutdown, HTTP stop, database close.
 */
final class BatonProcess {
  private static final Logger log = LoggerFactory.getLogger(BatonProcess.class);
  private static final Duration FIRST_MIGRATION_RETRY = Duration.ofMillis(200);
  private static final Duration MAX_MIGRATION_RETRY = Duration.ofSeconds(5);

  private final InstanceId instanceId;
  private final BatonHttpServer http;
  private final DatabaseBackend database;
  private final SchedulerLifecycle lifecycle;
  private final SchedulerReadiness readiness;
  private final InstanceRegistration registration;
  private final MicrometerMetrics metrics;
  private final ProviderClients providers;
  private final Injector injector;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);

  BatonProcess(BatonConfig config, InstanceId instanceId) {
    this.instanceId = instanceId;
    this.injector =
        Guice.createInjector(Stage.PRODUCTION, BatonModules.forConfig(config, instanceId));
    this.http = injector.getInstance(BatonHttpServer.class);
    this.database = injector.getInstance(DatabaseBackend.class);
    this.lifecycle = injector.getInstance(SchedulerLifecycle.class);
    this.readiness = injector.getInstance(SchedulerReadiness.class);
    this.registration = injector.getInstance(InstanceRegistration.class);
    this.metrics = injector.getInstance(MicrometerMetrics.class);
    this.providers = injector.getInstance(ProviderClients.class);
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

  /** Starts everything and blocks until {@link #stop} has finished. */
  void runUntilStopped() throws InterruptedException {
    Thread hook = new Thread(this::stop, "baton-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    http.start();
    log.info("Instance {} serves HTTP on port {} (not ready yet)", instanceId, http.port());
    if (migrateWithRetry()) {
      registration.start();
      lifecycle.start();
      readiness.schedulerStarted();
      log.info("Instance {} is ready", instanceId);
    }
    stopped.await();
  }

  /** Applies migrations, retrying with backoff while the database is unreachable. */
  private boolean migrateWithRetry() throws InterruptedException {
    Duration delay = FIRST_MIGRATION_RETRY;
    while (!stopping.get()) {
      try {
        database.migrate();
        readiness.databaseReady();
        return true;
      } catch (RuntimeException e) {
        readiness.databaseUnavailable("database unavailable: " + e.getMessage());
        log.warn("Migrations failed, retrying in {} ms: {}", delay.toMillis(), e.toString());
        Thread.sleep(delay.toMillis());
        delay =
            delay.multipliedBy(2).compareTo(MAX_MIGRATION_RETRY) > 0
                ? MAX_MIGRATION_RETRY
                : delay.multipliedBy(2);
      }
    }
    return false;
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
