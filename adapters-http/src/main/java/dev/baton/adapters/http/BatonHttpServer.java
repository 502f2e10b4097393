package dev.baton.adapters.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.application.InvalidRequestException;
import dev.baton.application.NotLeaderException;
import dev.baton.application.UnknownJobException;
import dev.baton.domain.DuplicateBatchException;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import java.util.Objects;

/**
 * Baton's HTTP API on Javalin. Every route is declared in {@link #BatonHttpServer}'s call to {@link
 * Javalin#create}, so this class is the map of the API.
 *
 * <p>A request passes, in this order: the body cap (413), routing (404, 405), the bearer token
 * ({@link BearerTokenCheck}: the admin token for every method but {@code GET} and {@code HEAD}, the
 * read or admin token for batch reads; 401 or 403), for the routes that need the database a check
 * that it can be asked (503), then the route's handler. Every refusal is a problem document.
 *
 * <p>Binds on {@link #start()} and not before, so the owner decides when the port opens. A server
 * runs once: after {@link #stop()} it cannot be started again.
 */
public final class BatonHttpServer {
  /** A batch may track 100 000 custom ids; Javalin's default cap of 1 MB is too small for that. */
  public static final long MAX_REQUEST_BYTES = 16L * 1024 * 1024;

  private enum State {
    NEW,
    STARTED,
    STOPPED
  }

  private final Javalin app;
  private State state = State.NEW;

  /**
   * @param api what the endpoints ask of the application
   * @param tokens the admin token every {@code POST} must present, and the read token
   * @throws IllegalArgumentException when no token is configured and the address is not loopback:
   *     batch results would be open to anyone who reaches it
   */
  public BatonHttpServer(HttpServerSettings settings, HttpApi api, ApiTokens tokens) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(api, "api");
    if (!tokens.allowOpenReadsOn(settings)) {
      throw new IllegalArgumentException(
          "batch reads need a read or admin token on the non-loopback address " + settings.host());
    }
    RequestBodyLimit bodyLimit = new RequestBodyLimit(MAX_REQUEST_BYTES);
    BearerTokenCheck tokenCheck = new BearerTokenCheck(tokens);
    HealthHandler health = new HealthHandler();
    ReadinessHandler readiness = new ReadinessHandler(api.readiness());
    StatusPageHandler statusPage = new StatusPageHandler();
    SchedulerHandlers scheduler = new SchedulerHandlers(api, bodyLimit);
    JobHandlers jobs = new JobHandlers(api, bodyLimit);
    MetricsHandler metrics = new MetricsHandler(api.metrics());
    BatchHandlers batches = new BatchHandlers(api.batches(), bodyLimit);
    DeliveryHandlers deliveries = new DeliveryHandlers(api.deliveries(), bodyLimit);
    ProblemResponses problems = new ProblemResponses();
    DatabaseGuard database = new DatabaseGuard(api.readiness());
    ObjectMapper json = ApiJson.objectMapper();
    OpenAiWebhookHandler openAiWebhooks = new OpenAiWebhookHandler(api.providerWebhooks(), json);

    this.app =
        Javalin.create(
            config -> {
              config.jetty.host = settings.host();
              config.jetty.port = settings.port();
              config.http.maxRequestSize = MAX_REQUEST_BYTES;
              // A known path asked with the wrong method is a 405 naming the allowed methods.
              config.http.prefer405over404 = true;
              config.jsonMapper(new JavalinJackson(json, false));
              config.jetty.modifyServer(
                  server -> server.setErrorHandler(new JettyProblemErrorHandler(json)));
              // Jetty caches the header lines of a kept-alive connection and by default matches
              // them ignoring case: a bearer token differing from an earlier one only in case
              // would then reach the token check as that earlier token.
              config.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheCaseSensitive(true));
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              // The owner creates the server and starts it later, on purpose.
              config.startup.startupWatcherEnabled = false;

              config.routes.before(bodyLimit);
              config.routes.beforeMatched(tokenCheck);

              config.routes.get("/", statusPage);
              config.routes.get("/healthz", health);
              config.routes.get("/readyz", readiness);
              config.routes.get("/v1/scheduler", scheduler::status);
              config.routes.get("/v1/scheduler/instances", database.around(scheduler::cluster));
              config.routes.get("/v1/scheduler/history", database.around(scheduler::history));
              config.routes.get("/v1/scheduler/runs", database.around(jobs::recentRuns));
              config.routes.post("/v1/scheduler/step-down", scheduler::stepDown);
              config.routes.get("/v1/jobs", database.around(jobs::jobs));
              config.routes.post("/v1/jobs/{name}/run", database.around(jobs::run));
              config.routes.post("/v1/jobs/{name}/pause", database.around(jobs::pause));
              config.routes.post("/v1/jobs/{name}/resume", database.around(jobs::resume));
              config.routes.post("/v1/batches", database.around(batches::track));
              config.routes.get("/v1/batches", database.around(batches::list));
              // Before /v1/batches/{id}, which would take "counts" for an id.
              config.routes.get("/v1/batches/counts", database.around(batches::counts));
              config.routes.get(
                  "/v1/batches/{" + BatchHandlers.BATCH_ID + "}", database.around(batches::batch));
              config.routes.get(
                  "/v1/batches/{" + BatchHandlers.BATCH_ID + "}/items",
                  database.around(batches::items));
              config.routes.get(
                  "/v1/batches/{" + BatchHandlers.BATCH_ID + "}/deliveries",
                  database.around(deliveries::ofBatch));
              config.routes.post(
                  "/v1/deliveries/{" + DeliveryHandlers.DELIVERY_ID + "}/redeliver",
                  database.around(deliveries::redeliver));
              config.routes.get("/metrics", metrics);
              config.routes.post(OpenAiWebhookHandler.PATH, database.around(openAiWebhooks));

              config.routes.exception(ProblemException.class, problems::problem);
              config.routes.exception(NotLeaderException.class, problems::notLeader);
              config.routes.exception(UnknownJobException.class, problems::unknownJob);
              config.routes.exception(InvalidRequestException.class, problems::invalidRequest);
              config.routes.exception(DuplicateBatchException.class, problems::duplicateBatch);
              config.routes.exception(HttpResponseException.class, problems::javalinResponse);
              config.routes.exception(Exception.class, problems::unexpected);
              config.routes.error(500, problems::bareServerError);
            });
  }

  /**
   * Binds the port and serves requests.
   *
   * @throws IllegalStateException when the server was started before
   */
  public synchronized void start() {
    if (state != State.NEW) {
      throw new IllegalStateException("the HTTP server runs once; it is " + state);
    }
    state = State.STARTED;
    JettyMemoryLayout.describe();
    try {
      app.start();
    } catch (RuntimeException e) {
      state = State.STOPPED;
      try {
        app.stop();
      } catch (RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  /**
   * The port the server listens on; with port 0 in the settings, the one the system chose.
   *
   * @throws IllegalStateException when the server is not running
   */
  public synchronized int port() {
    if (state != State.STARTED) {
      throw new IllegalStateException("the HTTP server is not running; it is " + state);
    }
    return app.port();
  }

  /**
   * Stops serving and releases the port; safe to call more than once and before {@link #start()}.
   */
  public synchronized void stop() {
    State previous = state;
    state = State.STOPPED;
    if (previous == State.STARTED) {
      app.stop();
    }
  }
}
