package dev.baton.adapters.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

  private final Optional<AdminToken> adminToken;
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private BatonHttpServer server;

  /** A server whose admin token is {@link #ADMIN_TOKEN}. */
  RunningServer() {
    this(Optional.of(AdminToken.of(ADMIN_TOKEN)));
  }

  private RunningServer(Optional<AdminToken> adminToken) {
    this.adminToken = adminToken;
  }

  static RunningServer withoutAdminToken() {
    return new RunningServer(Optional.empty());
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
        batches);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    server = new BatonHttpServer(new HttpServerSettings("127.0.0.1", 0), api(), adminToken);
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

  Reply get(String path) {
    return send("GET", path, HttpRequest.BodyPublishers.noBody(), "application/json");
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
    return send(
        request(path)
            .header("Authorization", "Bearer " + ADMIN_TOKEN)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
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
