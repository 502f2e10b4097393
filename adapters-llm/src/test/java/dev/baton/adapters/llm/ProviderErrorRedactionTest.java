package dev.baton.adapters.llm;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpServer;
import dev.baton.application.webhook.SecretRedaction;
import dev.baton.domain.LlmProvider;
import dev.baton.domain.LlmProviderException;
import dev.baton.domain.port.LlmBatchProviderPort;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/**
 * A provider whose error answers echo what it was sent: the key it received, another configured
 * secret, a key-shaped string. None of it may reach an exception's message (which becomes {@code
 * poll_error} and API answers) or a log line, and at most 2 KB of the answer is kept.
 */
class ProviderErrorRedactionTest {
  private static final String ANTHROPIC_KEY = "sk-ant-api03-Echoed0Key1Of2The3Test4Provider";
  private static final String OPENAI_KEY = "sk-proj-Echoed5OpenAi6Key7For8The9Test";
  private static final String ADMIN_TOKEN = "admin-token-that-a-provider-never-gets-42";
  private static final String STRANGER_KEY = "sk-ant-api03-SomeoneElses0Key1Looks2Like3This";
  private static final RetrySettings TWO_QUICK_ATTEMPTS =
      new RetrySettings(2, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1));

  private HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();
  private volatile int status;
  private volatile UnaryOperator<String> body;
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger adapterLogger = (Logger) LoggerFactory.getLogger("dev.baton.adapters.llm");
  private Level previousLevel;

  @BeforeEach
  void startTheEchoingProvider() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          String sent =
              exchange.getRequestHeaders().containsKey("x-api-key")
                  ? exchange.getRequestHeaders().getFirst("x-api-key")
                  : exchange.getRequestHeaders().getFirst("Authorization");
          byte[] bytes = body.apply(sent).getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
    logs.start();
    adapterLogger.addAppender(logs);
    previousLevel = adapterLogger.getLevel();
    adapterLogger.setLevel(Level.DEBUG);
  }

  @AfterEach
  void stop() {
    adapterLogger.detachAppender(logs);
    adapterLogger.setLevel(previousLevel);
    server.stop(0);
  }

  @ParameterizedTest
  @EnumSource(LlmProvider.class)
  void aRefusalEchoingTheKeyKeepsItsWordsWithoutTheKey(LlmProvider provider) {
    status = 401;
    body =
        sent ->
            "{\"error\": {\"type\": \"authentication_error\", \"message\": \"invalid key: "
                + sent
                + "\"}}";

    LlmProviderException e = failure(provider);

    assertThat(e.getMessage())
        .contains("answered HTTP 401", "authentication_error: invalid key:", SecretRedaction.MASK)
        .doesNotContain(ANTHROPIC_KEY, OPENAI_KEY);
    assertThat(requests).hasValue(1);
  }

  @ParameterizedTest
  @EnumSource(LlmProvider.class)
  void aRetriedServerErrorLogsAndKeepsNeitherAnyConfiguredSecretNorAKeyShapedString(
      LlmProvider provider) {
    status = 500;
    body =
        sent ->
            "upstream trace: header=" + sent + " admin=" + ADMIN_TOKEN + " other=" + STRANGER_KEY;

    LlmProviderException e = failure(provider);

    assertThat(requests).hasValue(2);
    assertThat(logs.list).as("the retry is logged").isNotEmpty();
    List<String> said =
        new ArrayList<>(logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
    said.add(e.getMessage());
    for (String text : said) {
      assertThat(text)
          .contains("upstream trace", SecretRedaction.MASK)
          .doesNotContain(ANTHROPIC_KEY, OPENAI_KEY, ADMIN_TOKEN, STRANGER_KEY);
    }
  }

  @Test
  void aLongAnswerIsCutToTwoKilobytesAfterItsSecretsAreMasked() {
    status = 400;
    // the key straddles the 2 KB mark: cutting first would leave a piece no pattern recognises
    body = sent -> "x".repeat(2040) + ANTHROPIC_KEY + "y".repeat(10_000);

    LlmProviderException e = failure(LlmProvider.ANTHROPIC);

    String detail = e.getMessage().substring(e.getMessage().indexOf(": ") + 2);
    assertThat(detail.getBytes(StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(SecretRedaction.MAX_BYTES);
    assertThat(detail).startsWith("x".repeat(2040)).doesNotContain("sk-ant", "Echoed0Key");
  }

  @ParameterizedTest
  @EnumSource(LlmProvider.class)
  void aMalformedAnswerIsDescribedWithoutQuotingIt(LlmProvider provider) {
    status = 200;
    body = sent -> sent + " is not how a batch looks";

    LlmProviderException e = failure(provider);

    assertThat(e.getMessage())
        .contains("not valid JSON at line 1")
        .doesNotContain(ANTHROPIC_KEY, OPENAI_KEY, "sk-", "Bearer");
  }

  /** What retrieving a batch from the echoing provider fails with. */
  private LlmProviderException failure(LlmProvider provider) {
    SecretRedaction configured = new SecretRedaction(List.of(ADMIN_TOKEN));
    String baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
    if (provider == LlmProvider.ANTHROPIC) {
      try (AnthropicBatchProvider client =
          new AnthropicBatchProvider(
              settings(baseUrl, ANTHROPIC_KEY), ProviderRequestObserver.NONE, configured)) {
        return failure(client);
      }
    }
    try (OpenAiBatchProvider client =
        new OpenAiBatchProvider(
            settings(baseUrl + "/v1", OPENAI_KEY), ProviderRequestObserver.NONE, configured)) {
      return failure(client);
    }
  }

  private static LlmProviderException failure(LlmBatchProviderPort client) {
    try {
      client.retrieveBatch("batch_echo");
    } catch (LlmProviderException e) {
      return e;
    }
    throw new AssertionError("the echoing provider never answers a batch");
  }

  private static ProviderClientSettings settings(String baseUrl, String key) {
    return new ProviderClientSettings(baseUrl, key, Duration.ofSeconds(10), TWO_QUICK_ATTEMPTS);
  }
}
