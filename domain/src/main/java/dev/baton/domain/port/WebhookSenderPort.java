package dev.baton.domain.port;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Sends one webhook request: a {@code POST} of a JSON body, redirects not followed. */
public interface WebhookSenderPort {

  /**
   * What came back from one attempt.
   *
   * @param statusCode the HTTP status, or empty when no answer came (timeout, connection error)
   * @param retryAfter the {@code Retry-After} header as received, if any
   * @param error what went wrong when there is no status, in one line
   */
  record Answer(Optional<Integer> statusCode, Optional<String> retryAfter, String error) {
    public static Answer status(int statusCode, Optional<String> retryAfter) {
      return new Answer(Optional.of(statusCode), retryAfter, null);
    }

    public static Answer noAnswer(String error) {
      return new Answer(Optional.empty(), Optional.empty(), error);
    }
  }

  /**
   * Sends {@code body} to {@code destination} with {@code headers}, giving up when the whole answer
   * (headers and body) has not arrived within {@code timeout}.
   *
   * @throws InterruptedException when the calling thread is interrupted while waiting
   */
  Answer send(URI destination, Map<String, String> headers, byte[] body, Duration timeout)
      throws InterruptedException;
}
