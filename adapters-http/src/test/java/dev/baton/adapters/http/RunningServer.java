package dev.baton.adapters.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link BatonHttpServer} on an ephemeral port of the loopback interface for each test, wired to
 * fakes the test can steer, and a client that speaks real HTTP to it.
 */
final class RunningServer implements BeforeEachCallback, AfterEachCallback {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  final FakeSchedulerStatusQuery schedulerStatus = new FakeSchedulerStatusQuery();
  final FakeReadinessQuery readiness = new FakeReadinessQuery();

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private BatonHttpServer server;

  @Override
  public void beforeEach(ExtensionContext context) {
    server =
        new BatonHttpServer(new HttpServerSettings("127.0.0.1", 0), schedulerStatus, readiness);
    server.start();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    server.stop();
  }

  Reply get(String path) {
    return send("GET", path, HttpRequest.BodyPublishers.noBody(), "application/json");
  }

  Reply send(String method, String path, HttpRequest.BodyPublisher body, String accept) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .timeout(TIMEOUT)
            .header("Accept", accept)
            .method(method, body)
            .build();
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      return new Reply(response, json);
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(method + " " + path + " interrupted", e);
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

    JsonNode jsonBody() {
      try {
        return json.readTree(response.body());
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + response.body(), e);
      }
    }
  }
}
