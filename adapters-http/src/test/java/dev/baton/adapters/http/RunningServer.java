package dev.baton.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.application.port.in.BatchTrackingUseCase;
import dev.baton.application.port.in.WebhookDeliveriesUseCase;
import dev.baton.application.webhook.ProviderWebhookService;
import dev.baton.application.webhook.WebhookSecret;
import dev.baton.domain.LlmProvider;
import dev.baton.domain.WebhookDelivery;
import dev.baton.testsupport.fakes.InMemoryBatchStore;
import dev.baton.testsupport.fakes.InMemoryPollRequests;
import dev.baton.testsupport.fakes.RecordingSchedulerEvents;
import dev.baton.testsupport.fakes.SettableClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link BatonHttpServer} on an ephemeral port of the loopback interface for each test, wired to
 * fakes the test can steer, and a client that speaks real HTTP to it.
 */
final class RunningServer implements BeforeEachCallback, AfterEachCallback {
  /** Every character a bearer token may carry, so that none of them is mishandled. */
  static final String ADMIN_TOKEN = "Adm1n-t0ken.for_tests~only+/x==";

  /** The read token of a server made by {@link #withReadToken()}. */
  static final String READ_TOKEN = "r3ad-T0ken_for.tests~only";

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  final FakeSchedulerStatusQuery schedulerStatus = new FakeSchedulerStatusQuery();
  final FakeReadinessQuery readiness = new FakeReadinessQuery();
  final FakeClusterQuery cluster = new FakeClusterQuery();
  final FakeLeadershipHistoryQuery history = new FakeLeadershipHistoryQuery();
  final FakeJobsQuery jobs = new FakeJobsQuery();
  final FakeRunJobUseCase runJob = new FakeRunJobUseCase();
  final FakePauseJobUseCase pauseJob = new FakePauseJobUseCase();
  final FakeStepDownUseCase stepDown = new FakeStepDownUseCase();
  final FakeMetricsQuery metrics = new FakeMetricsQuery();
  final FakeBatchTrackingUseCase batches = new FakeBatchTrackingUseCase();

  /** OpenAI's signing secret: the Standard Webhooks specification's test vector's. */
  static final WebhookSecret OPENAI_WEBHOOK_SECRET =
      WebhookSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

  final SettableClock clock = SettableClock.atEpochDay();

  /** The batches OpenAI's webhooks name, and the poll requests they leave. */
  final InMemoryBatchStore webhookBatches = new InMemoryBatchStore(clock, () -> 1L);

  final InMemoryPollRequests pollRequests = new InMemoryPollRequests(webhookBatches, () -> 1L);
  final RecordingSchedulerEvents events = new RecordingSchedulerEvents();

  private final ApiTokens tokens;
  private final Map<LlmProvider, WebhookSecret> webhookSecrets;
  private final BatchTrackingUseCase trackedBatches;
  private final WebhookDeliveriesUseCase deliveries;
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private BatonHttpServer server;

  /** A server whose admin token is {@link #ADMIN_TOKEN}, without a read token. */
  RunningServer() {
    this(new ApiTokens(Optional.of(BearerToken.of(ADMIN_TOKEN)), Optional.empty()));
  }

  private RunningServer(ApiTokens tokens) {
    this(tokens, Map.of(LlmProvider.OPENAI, OPENAI_WEBHOOK_SECRET));
  }

  private RunningServer(ApiTokens tokens, Map<LlmProvider, WebhookSecret> webhookSecrets) {
    this.tokens = tokens;
    this.webhookSecrets = webhookSecrets;
    this.trackedBatches = batches;
    this.deliveries = new NoDeliveries();
  }

  private RunningServer(BatchTrackingUseCase trackedBatches, WebhookDeliveriesUseCase deliveries) {
    this.tokens =
        new ApiTokens(
            Optional.of(BearerToken.of(ADMIN_TOKEN)), Optional.of(BearerToken.of(READ_TOKEN)));
    this.webhookSecrets = Map.of(LlmProvider.OPENAI, OPENAI_WEBHOOK_SECRET);
    this.trackedBatches = trackedBatches;
    this.deliveries = deliveries;
  }

  /** A server without any token: every {@code POST} refused, batch reads open. */
  static RunningServer withoutAdminToken() {
    return new RunningServer(ApiTokens.none());
  }

  /** A server with both tokens: {@link #ADMIN_TOKEN} and {@link #READ_TOKEN}. */
  static RunningServer withReadToken() {
    return new RunningServer(
        new ApiTokens(
            Optional.of(BearerToken.of(ADMIN_TOKEN)), Optional.of(BearerToken.of(READ_TOKEN))));
  }

  /** A server with only the read token: every {@code POST} refused. */
  static RunningServer withOnlyReadToken() {
    return new RunningServer(
        new ApiTokens(Optional.empty(), Optional.of(BearerToken.of(READ_TOKEN))));
  }

  /** A server with both tokens whose batch endpoints use the given services, not the fakes. */
  static RunningServer serving(BatchTrackingUseCase batches, WebhookDeliveriesUseCase deliveries) {
    return new RunningServer(batches, deliveries);
  }

  /** A server with the admin token that has no secret for any provider's webhooks. */
  static RunningServer withoutWebhookSecrets() {
    return new RunningServer(
        new ApiTokens(Optional.of(BearerToken.of(ADMIN_TOKEN)), Optional.empty()), Map.of());
  }

  HttpApi api() {
    return new HttpApi(
        schedulerStatus,
        readiness,
        cluster,
        history,
        jobs,
        runJob,
        pauseJob,
        stepDown,
        metrics,
        trackedBatches,
        deliveries,
        new ProviderWebhookService(webhookSecrets, pollRequests, clock, events));
  }

  /** No batch is tracked, so none has deliveries. */
  private static final class NoDeliveries implements WebhookDeliveriesUseCase {
    @Override
    public Optional<List<WebhookDelivery>> deliveries(long batchId) {
      return Optional.empty();
    }

    @Override
    public Optional<WebhookDelivery> redeliver(long deliveryId) {
      return Optional.empty();
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    server = new BatonHttpServer(new HttpServerSettings("127.0.0.1", 0), api(), tokens);
    server.start();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    server.stop();
  }

  int port() {
    return server.port();
  }

  JsonNode json(String body) {
    try {
      return json.readTree(body);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }

  /** A {@code GET} without any token, as the open views take it. */
  Reply get(String path) {
    return send("GET", path, HttpRequest.BodyPublishers.noBody(), "application/json");
  }

  /** A {@code GET} of batch data carrying the read token (see {@link #withReadToken()}). */
  Reply read(String path) {
    return send(
        request(path)
            .header("Accept", "application/json")
            .header("Authorization", "Bearer " + READ_TOKEN)
            .GET());
  }

  /** A {@code POST} without a body, carrying the admin token. */
  Reply post(String path) {
    return send(
        request(path)
            .header("Authorization", "Bearer " + ADMIN_TOKEN)
            .POST(HttpRequest.BodyPublishers.noBody()));
  }

  /** A {@code POST} of a JSON body, carrying the admin token. */
  Reply postJson(String path, String body) {
    return post(path, "application/json", HttpRequest.BodyPublishers.ofString(body));
  }

  /** A {@code POST} of {@code body} as {@code contentType}, carrying the admin token. */
  Reply post(String path, String contentType, HttpRequest.BodyPublisher body) {
    return send(
        request(path)
            .header("Authorization", "Bearer " + ADMIN_TOKEN)
            .header("Content-Type", contentType)
            .POST(body));
  }

  Reply send(String method, String path, HttpRequest.BodyPublisher body, String accept) {
    return send(request(path).header("Accept", accept).method(method, body));
  }

  /** A request to {@code path} on this server, for a test to add headers, method and body to. */
  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .timeout(TIMEOUT);
  }

  Reply send(HttpRequest.Builder builder) {
    HttpRequest request = builder.build();
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      return new Reply(response, json);
    } catch (IOException e) {
      throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(request.method() + " " + request.uri() + " interrupted", e);
    }
  }

  record Reply(HttpResponse<String> response, ObjectMapper json) {
    int status() {
      return response.statusCode();
    }

    String body() {
      return response.body();
    }

    String contentType() {
      return response.headers().firstValue("Content-Type").orElse("");
    }

    String header(String name) {
      return response.headers().firstValue(name).orElse(null);
    }

    /** Every header line, names and values, for checks that something appears nowhere. */
    String headers() {
      return response.headers().map().toString();
    }

    JsonNode jsonBody() {
      try {
        return json.readTree(response.body());
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + response.body(), e);
      }
    }

    /** Asserts an RFC 9457 problem document of {@code status}, and returns it. */
    JsonNode problem(int status) {
      assertThat(status()).isEqualTo(status);
      assertThat(contentType()).startsWith("application/problem+json");
      JsonNode body = jsonBody();
      assertThat(body.get("status").intValue()).isEqualTo(status);
      return body;
    }

    /**
     * Asserts a problem document of {@code status} with the standard members only, of type {@code
     * about:blank} and {@code title}, and returns it.
     */
    JsonNode plainProblem(int status, String title) {
      JsonNode body = problem(status);
      assertThat(fieldNames(body)).containsExactlyInAnyOrder("type", "title", "status", "detail");
      assertThat(body.get("type").textValue()).isEqualTo("about:blank");
      assertThat(body.get("title").textValue()).isEqualTo(title);
      return body;
    }
  }

  static List<String> fieldNames(JsonNode node) {
    if (!node.isObject()) {
      throw new AssertionError("not an object: " + node);
    }
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
