package dev.baton.adapters.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.domain.LlmProviderRetryableException;
import dev.baton.domain.ProviderBatchState;
import dev.baton.domain.ProviderRequestCounts;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What broke on the way to the provider, said in plain words with the host, over real sockets: no
 * Java class name reaches the message that ends up in {@code pollError}.
 */
class NetworkFailuresTest {
  /** For the stalls: they end after it. */
  private static final Duration SHORT_TIMEOUT = Duration.ofSeconds(1);

  /** For the failures that come at once: room for a slow TLS setup on a busy machine. */
  private static final Duration LONG_TIMEOUT = Duration.ofSeconds(10);

  private static final RetrySettings ONE_ATTEMPT =
      new RetrySettings(1, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(60));

  private final CountDownLatch release = new CountDownLatch(1);
  private final List<AutoCloseable> opened = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    release.countDown();
    for (AutoCloseable closeable : opened) {
      closeable.close();
    }
  }

  @Test
  void aRefusedConnectionNamesTheHost() throws IOException {
    int port;
    try (ServerSocket closedAgain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = closedAgain.getLocalPort();
    }

    assertThat(retrieveFailure("http://127.0.0.1:" + port))
        .isEqualTo("anthropic retrieve batch msgbatch_1: connection refused by 127.0.0.1:" + port);
  }

  @Test
  void anUnknownHostIsADnsFailure() {
    assertThat(retrieveFailure("http://baton-test.invalid"))
        .isEqualTo(
            "anthropic retrieve batch msgbatch_1: DNS failure: baton-test.invalid could not be"
                + " resolved");
  }

  @Test
  void noAnswerWithinTheCallTimeoutIsATimeout() throws IOException {
    ScriptedSocketServer silent =
        server(
            connection -> {
              ScriptedSocketServer.readRequestHead(connection);
              release.await();
            });

    assertThat(retrieveFailure("http://127.0.0.1:" + silent.port(), SHORT_TIMEOUT))
        .startsWith(
            "anthropic retrieve batch msgbatch_1: timeout waiting for 127.0.0.1:" + silent.port());
  }

  @Test
  void aBatchAnswerThatStallsHalfwayTimesOutToo() throws IOException {
    ScriptedSocketServer stalling =
        server(
            connection -> {
              ScriptedSocketServer.readRequestHead(connection);
              write(connection.getOutputStream(), answerHead(1000) + "{\"id\":\"msgbatch_1\",");
              release.await();
            });

    assertThat(retrieveFailure("http://127.0.0.1:" + stalling.port(), SHORT_TIMEOUT))
        .startsWith(
            "anthropic retrieve batch msgbatch_1: timeout waiting for 127.0.0.1:"
                + stalling.port()
                + ": the answer did not end within the call's time limit");
  }

  @Test
  void aResultsDownloadThatStallsIsCutOffAfterTheIdleTimeout() throws IOException {
    String line = "{\"custom_id\":\"request-%d\",\"result\":{\"type\":\"succeeded\"}}\n";
    ScriptedSocketServer stalling =
        server(
            connection -> {
              ScriptedSocketServer.readRequestHead(connection);
              OutputStream out = connection.getOutputStream();
              write(out, answerHead(1_000_000) + String.format(line, 0) + String.format(line, 1));
              release.await();
            });
    AnthropicBatchProvider client = client("http://127.0.0.1:" + stalling.port(), SHORT_TIMEOUT);
    ProviderBatchState ended =
        new ProviderBatchState(
            dev.baton.domain.LlmProvider.ANTHROPIC,
            "msgbatch_1",
            "ended",
            Optional.of(dev.baton.domain.BatchStatus.COMPLETED),
            new ProviderRequestCounts(0, 3, 0, 0, 0),
            List.of(
                "http://127.0.0.1:" + stalling.port() + "/v1/messages/batches/msgbatch_1/results"),
            "{}");
    List<String> handedOver = new ArrayList<>();

    assertThatThrownBy(() -> client.streamItemResults(ended, r -> handedOver.add(r.customId())))
        .isInstanceOf(LlmProviderRetryableException.class)
        .hasMessage(
            "anthropic results of batch msgbatch_1 broke off after 2 results: timeout waiting for"
                + " 127.0.0.1:"
                + stalling.port()
                + ": no data for 1000 ms");
    assertThat(handedOver).containsExactly("request-0", "request-1");
  }

  @Test
  void aResetConnectionIsNamed() throws IOException {
    ScriptedSocketServer resetting =
        server(
            connection -> {
              ScriptedSocketServer.readRequestHead(connection);
              connection.setSoLinger(true, 0);
              connection.close();
            });

    assertThat(retrieveFailure("http://127.0.0.1:" + resetting.port()))
        .matches(
            "anthropic retrieve batch msgbatch_1: connection (reset by|closed by) 127\\.0\\.0\\.1:"
                + resetting.port()
                + ".*");
  }

  @Test
  void aServerThatDoesNotSpeakTlsIsATlsFailure() throws IOException {
    ScriptedSocketServer plain =
        server(
            connection -> {
              write(connection.getOutputStream(), "HTTP/1.1 400 Bad Request\r\n\r\n");
              release.await();
            });

    assertThat(retrieveFailure("https://127.0.0.1:" + plain.port()))
        .startsWith(
            "anthropic retrieve batch msgbatch_1: TLS failure with 127.0.0.1:" + plain.port());
  }

  private String retrieveFailure(String baseUrl) {
    return retrieveFailure(baseUrl, LONG_TIMEOUT);
  }

  private String retrieveFailure(String baseUrl, Duration callTimeout) {
    AnthropicBatchProvider client = client(baseUrl, callTimeout);
    Throwable failure =
        org.assertj.core.api.Assertions.catchThrowable(() -> client.retrieveBatch("msgbatch_1"));
    assertThat(failure).isInstanceOf(LlmProviderRetryableException.class);
    assertThat(failure.getMessage())
        .doesNotContainPattern("[a-z]+\\.[a-z]+\\.[A-Z]\\w*(Exception|Error)");
    assertThat(failure.getMessage()).doesNotContain("Exception");
    return failure.getMessage();
  }

  private AnthropicBatchProvider client(String baseUrl, Duration callTimeout) {
    AnthropicBatchProvider client =
        new AnthropicBatchProvider(
            new ProviderClientSettings(baseUrl, "sk-ant-test", callTimeout, ONE_ATTEMPT),
            new RecordingTicker(),
            ProviderRequestObserver.NONE,
            HttpBatchProvider.NO_OTHER_SECRETS);
    opened.add(client);
    return client;
  }

  private ScriptedSocketServer server(ScriptedSocketServer.Script script) throws IOException {
    ScriptedSocketServer server = new ScriptedSocketServer(script);
    opened.add(server);
    return server;
  }

  private static String answerHead(int contentLength) {
    return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
        + contentLength
        + "\r\n\r\n";
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
