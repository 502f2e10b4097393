package dev.baton.bootstrap;

import com.google.inject.Guice;
import com.google.inject.Stage;
import dev.baton.adapters.http.BatonHttpServer;
import dev.baton.application.BatchTrackingService;
import dev.baton.bootstrap.config.BatonConfig;
import dev.baton.bootstrap.config.ConfigException;
import dev.baton.bootstrap.config.ConfigKey;
import dev.baton.bootstrap.logging.Logging;
import dev.baton.domain.InstanceId;
import dev.baton.embedded.internal.DatabaseProblem;
import dev.baton.embedded.internal.Engine;
import java.net.BindException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Baton process in the order of the design: injector, HTTP listening (not ready), migrations
 * retried while the database is unreachable, scheduler start, ready. {@link #stop} runs the
 * reverse: scheduler shutdown, HTTP stop, database close. The scheduler is the library's {@link
 * Engine}, started here in the process's own order.
 *
 * <p>Only a database that cannot be reached now is waited for. A failure no retry cures (a wrong
 * password, an unknown role or database, an HTTP port in use) stops the process with one line
 * naming the setting at fault.
 */
final class BatonProcess {
  private static final Logger log = LoggerFactory.getLogger(BatonProcess.class);

  private final BatonConfig config;
  private final InstanceId instanceId;
  private final BatonHttpServer http;
  private final Engine engine;
  private final MicrometerMetrics metrics;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);

  BatonProcess(BatonConfig config, InstanceId instanceId) {
    this.config = config;
    this.instanceId = instanceId;
    Logging.instanceId(instanceId);
    var injector = Guice.createInjector(Stage.PRODUCTION, new ServiceModule(config, instanceId));
    this.http = injector.getInstance(BatonHttpServer.class);
    this.engine = injector.getInstance(Engine.class);
    this.metrics = injector.getInstance(MicrometerMetrics.class);
  }

  /** The tracked batches, for commands that drive this process (such as {@code demo}). */
  BatchTrackingService batches() {
    return engine.batches();
  }

  int httpPort() {
    return http.port();
  }

  boolean isReady() {
    return engine.readiness().readiness().ready();
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
      if (engine.migrateWithRetry(
          (problem, delay) ->
              log.warn(
                  "Database unreachable, retrying in {} ms: {}",
                  delay.toMillis(),
                  problem.getMessage()))) {
        engine.startScheduling();
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

  /** Scheduler shutdown, then the HTTP server, then the database. Idempotent. */
  void stop() {
    if (!stopping.compareAndSet(false, true)) {
      return;
    }
    log.info("Instance {} is stopping", instanceId);
    try {
      engine.stopScheduling();
    } finally {
      try {
        http.stop();
        log.info("HTTP server stopped");
      } finally {
        try {
          engine.closeDatabase();
          metrics.close();
        } finally {
          log.info("Instance {} stopped", instanceId);
          stopped.countDown();
        }
      }
    }
  }
}
