package dev.baton.adapters.webhook;

import dev.baton.domain.port.WebhookSenderPort;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends webhooks with the JDK's HTTP client on the executor it is given. Redirects are not
 * followed: a 3xx is an answer like any other non-2xx. The time limit covers the whole answer,
 * headers and body: {@code HttpRequest.timeout} stops at the headers, so the exchange is awaited
 * for at most the limit and cancelled past it. The body is read and dropped; only the status and
 * {@code Retry-After} matter.
 */
public final class HttpWebhookSender implements WebhookSenderPort {
  private static final int MAX_ERROR_CHARS = 300;

  private final HttpClient client;

  /**
   * @param executor runs the client's work; owned and shut down by the caller
   */
  public HttpWebhookSender(ExecutorService executor, Duration connectTimeout) {
    this.client =
        HttpClient.newBuilder()
            .executor(executor)
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  @Override
  public Answer send(URI destination, Map<String, String> headers, byte[] body, Duration timeout)
      throws InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(destination)
            .timeout(timeout)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    CompletableFuture<HttpResponse<Void>> exchange =
        client.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding());
    try {
      HttpResponse<Void> response = exchange.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return Answer.status(
          response.statusCode(), response.headers().firstValue("retry-after").map(String::trim));
    } catch (TimeoutException e) {
      exchange.cancel(true);
      return Answer.noAnswer("no complete answer within " + timeout.toMillis() + " ms");
    } catch (InterruptedException e) {
      exchange.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      return Answer.noAnswer(describe(e.getCause(), destination));
    }
  }

  /** One line saying what went wrong, without a Java class name where a plain word does. */
  static String describe(Throwable failure, URI destination) {
    String where =
        destination.getHost() + (destination.getPort() < 0 ? "" : ":" + destination.getPort());
    String text;
    if (failure instanceof HttpConnectTimeoutException) {
      text = "connecting to " + where + " timed out";
    } else if (failure instanceof ConnectException) {
      text = "could not connect to " + where;
    } else if (failure instanceof IOException && failure.getMessage() != null) {
      text = "connection to " + where + " failed: " + failure.getMessage();
    } else {
      text = "connection to " + where + " failed: " + failure;
    }
    return text.length() <= MAX_ERROR_CHARS ? text : text.substring(0, MAX_ERROR_CHARS) + "…";
  }
}
