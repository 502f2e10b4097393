package dev.baton.adapters.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.baton.domain.port.WebhookSenderPort.Answer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a real HTTP server on the loopback interface. */
class HttpWebhookSenderTest {
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final HttpWebhookSender sender = new HttpWebhookSender(executor, Duration.ofSeconds(2));
  private final List<String> hits = new CopyOnWriteArrayList<>();
  private final CountDownLatch released = new CountDownLatch(1);
  private HttpServer server;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext(
        "/ok",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          hits.add(
              "ok "
                  + exchange.getRequestMethod()
                  + " "
                  + exchange.getRequestHeaders().getFirst("webhook-id")
                  + " "
                  + exchange.getRequestHeaders().getFirst("content-type")
                  + " "
                  + body);
          respond(exchange, 204, Map.of());
        });
    server.createContext("/busy", exchange -> respond(exchange, 503, Map.of("Retry-After", "120")));
    server.createContext(
        "/moved", exchange -> respond(exchange, 302, Map.of("Location", url("/ok").toString())));
    server.createContext(
        "/stalled",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(200, 1000);
          OutputStream out = exchange.getResponseBody();
          out.write(new byte[10]);
          out.flush();
          try {
            released.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.close();
        });
    server.start();
  }

  private static void respond(HttpExchange exchange, int status, Map<String, String> headers)
      throws IOException {
    exchange.getRequestBody().readAllBytes();
    headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  @AfterEach
  void stop() {
    released.countDown();
    server.stop(0);
    executor.shutdownNow();
  }

  private Answer send(URI to, Duration timeout) throws InterruptedException {
    return sender.send(
        to,
        Map.of("webhook-id", "msg_1", "content-type", "application/json"),
        "{\"a\":1}".getBytes(StandardCharsets.UTF_8),
        timeout);
  }

  @Test
  void postsTheBodyWithTheHeadersAndReturnsTheStatus() throws Exception {
    Answer answer = send(url("/ok"), Duration.ofSeconds(5));

    assertThat(answer.statusCode()).contains(204);
    assertThat(hits).containsExactly("ok POST msg_1 application/json {\"a\":1}");
  }

  @Test
  void retryAfterComesBackWithTheStatus() throws Exception {
    Answer answer = send(url("/busy"), Duration.ofSeconds(5));

    assertThat(answer.statusCode()).contains(503);
    assertThat(answer.retryAfter()).contains("120");
  }

  @Test
  void aRedirectIsNotFollowed() throws Exception {
    Answer answer = send(url("/moved"), Duration.ofSeconds(5));

    assertThat(answer.statusCode()).contains(302);
    assertThat(hits).isEmpty();
  }

  @Test
  void aBodyThatStallsIsCutOffAtTheTimeLimit() throws Exception {
    long start = System.nanoTime();

    Answer answer = send(url("/stalled"), Duration.ofMillis(500));

    assertThat(answer.statusCode()).isEmpty();
    assertThat(answer.error()).isEqualTo("no complete answer within 500 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aRefusedConnectionIsNoAnswer() throws Exception {
    int port;
    try (ServerSocket closed = new ServerSocket(0)) {
      port = closed.getLocalPort();
    }

    Answer answer = send(URI.create("http://127.0.0.1:" + port + "/x"), Duration.ofSeconds(5));

    assertThat(answer.statusCode()).isEmpty();
    assertThat(answer.retryAfter()).isEqualTo(Optional.empty());
    assertThat(answer.error()).isEqualTo("could not connect to 127.0.0.1:" + port);
  }
}
