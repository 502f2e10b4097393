package dev.baton.adapters.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.application.webhook.SecretRedaction;
import dev.baton.domain.LlmProvider;
import dev.baton.domain.LlmProviderRetryableException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * One provider's HTTP transport on the JDK's client: its headers, a time limit per call that covers
 * the body too, the request budget, and the one retry policy. Connections are kept and reused;
 * HTTP/2 is offered to {@code https} servers, which take it or answer in HTTP/1.1.
 */
final class ProviderHttp implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_ERROR_BODY_BYTES = 64 * 1024;
  private static final int MAX_BATCH_BODY_BYTES = 16 * 1024 * 1024;

  /**
   * What differs between the providers on the wire.
   *
   * @param headers sent with every request: authentication, API version
   * @param rateLimitWithoutRetryAfterIsFinal see {@link HttpFailures#fromStatus}
   * @param rateLimit reads the request budget an answer states
   */
  record Dialect(
      LlmProvider provider,
      Map<String, String> headers,
      boolean rateLimitWithoutRetryAfterIsFinal,
      Function<HttpHeaders, Optional<RateLimit>> rateLimit) {}

  private final Dialect dialect;
  private final Duration callTimeout;
  private final Duration maxRetryAfter;
  private final Ticker ticker;
  private final RetryPolicy retry;
  private final RequestBudget budget = new RequestBudget();
  private final SecretRedaction redaction;
  private final ExecutorService executor;
  private final HttpClient client;

  /**
   * @param redaction masks the configured secrets in an error answer; this client's own API key is
   *     added to them
   */
  ProviderHttp(
      Dialect dialect,
      ProviderClientSettings settings,
      Ticker ticker,
      ProviderRequestObserver observer,
      SecretRedaction redaction) {
    this.dialect = dialect;
    this.redaction = redaction.with(settings.apiKey());
    this.callTimeout = settings.callTimeout();
    this.maxRetryAfter = settings.retry().maxRetryAfter();
    this.ticker = ticker;
    this.retry = new RetryPolicy(dialect.provider(), settings.retry(), ticker, observer);
    String name = "baton-" + dialect.provider().wireName() + "-http-";
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        Executors.newCachedThreadPool(
            runnable -> {
              Thread thread = new Thread(runnable, name + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    this.client =
        HttpClient.newBuilder()
            .executor(executor)
            .connectTimeout(callTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(
                settings.baseUrl().startsWith("https://")
                    ? HttpClient.Version.HTTP_2
                    : HttpClient.Version.HTTP_1_1)
            .build();
  }

  /**
   * The body of a small JSON answer, such as a batch, read within the call's time limit.
   *
   * @throws dev.baton.domain.LlmProviderException when no attempt gave one
   */
  String fetch(URI uri, String what) {
    return retry.call(
        what,
        () -> {
          long deadline = ticker.nanoTime() + callTimeout.toNanos();
          try (InputStream body = send(uri, what, deadline)) {
            byte[] bytes = body.readNBytes(MAX_BATCH_BODY_BYTES + 1);
            if (bytes.length > MAX_BATCH_BODY_BYTES) {
              throw AttemptFailure.notWorthRetrying(
                  new LlmProviderRetryableException(
                      dialect.provider(),
                      200,
                      dialect.provider().wireName()
                          + " "
                          + what
                          + ": the answer is larger than "
                          + MAX_BATCH_BODY_BYTES
                          + " bytes",
                      null));
            }
            return new String(bytes, StandardCharsets.UTF_8);
          } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
              throw failure(what + ": interrupted");
            }
            throw HttpFailures.fromIo(dialect.provider(), what, NetworkFailures.describe(e, uri));
          }
        });
  }

  /**
   * An answer's body as a stream, however long it takes as a whole, but never waiting longer than
   * the call timeout for the next bytes. The caller closes it.
   *
   * @throws dev.baton.domain.LlmProviderException when no attempt got an answer
   */
  InputStream open(URI uri, String what) {
    return retry.call(what, () -> send(uri, what, Long.MAX_VALUE));
  }

  /** One attempt: a ticket from the budget, the request, its status. */
  private InputStream send(URI uri, String what, long deadline) {
    RequestBudget.Ticket ticket;
    try {
      ticket = budget.acquire(ticker, maxRetryAfter);
    } catch (RequestBudget.BudgetExhausted e) {
      throw failure(
          what
              + ": rate limit reached; the provider's budget allows the next request in "
              + Math.max(1, e.retryIn().toSeconds())
              + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure(what + ": interrupted while waiting for the rate limit");
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(callTimeout).GET();
    dialect.headers().forEach(request::header);
    HttpResponse<InputStream> response;
    try {
      response =
          client.send(request.build(), info -> new StreamingBody(callTimeout, deadline, ticker));
    } catch (IOException e) {
      budget.failed(ticket);
      throw HttpFailures.fromIo(dialect.provider(), what, NetworkFailures.describe(e, uri));
    } catch (InterruptedException e) {
      budget.failed(ticket);
      Thread.currentThread().interrupt();
      throw failure(what + ": interrupted");
    }
    HttpHeaders headers = response.headers();
    budget.answered(ticket, dialect.rateLimit().apply(headers).orElse(null), ticker.nanoTime());
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return response.body();
    }
    String detail = errorDetail(response.body());
    Optional<Duration> retryAfter = HttpFailures.retryAfter(headers::allValues);
    retryAfter.ifPresent(wait -> budget.pause(wait, ticker.nanoTime()));
    throw HttpFailures.fromStatus(
        dialect.provider(),
        status,
        headers::allValues,
        detail,
        dialect.rateLimitWithoutRetryAfterIsFinal());
  }

  /**
   * What an error answer says: both providers send {@code {"error": {"type"|"code", "message"}}}.
   * This is the one place where a provider's own words enter Baton's messages, which end up in
   * {@code poll_error}, the API and the logs: masked by {@link SecretRedaction} (an answer may echo
   * the key it was sent) and cut to {@value SecretRedaction#MAX_BYTES} bytes.
   */
  private String errorDetail(InputStream body) {
    String text;
    try (body) {
      text = new String(body.readNBytes(MAX_ERROR_BODY_BYTES), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(the error answer could not be read)";
    }
    try {
      JsonNode error = JSON.readTree(text).path("error");
      String kind =
          error.path("code").isTextual()
              ? error.path("code").asText()
              : error.path("type").asText("");
      String message = error.path("message").asText("");
      if (!kind.isEmpty() || !message.isEmpty()) {
        return redaction.redact(
            kind.isEmpty() ? message : message.isEmpty() ? kind : kind + ": " + message);
      }
    } catch (IOException | RuntimeException notJson) {
      // said below as it came
    }
    return text.isBlank() ? "(no details)" : redaction.redact(text.strip());
  }

  private LlmProviderRetryableException failure(String message) {
    return new LlmProviderRetryableException(
        dialect.provider(), 0, dialect.provider().wireName() + " " + message, null);
  }

  /**
   * Ends the connections: the executor is shut down (Java 17's client has no {@code close()}), and
   * the client closed too where the JDK has it.
   */
  @Override
  public void close() {
    executor.shutdownNow();
    if (client instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        // the executor is down: nothing is left to end
      }
    }
  }
}
