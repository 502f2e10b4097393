package dev.baton.application.port.in;

import dev.baton.domain.LlmProvider;
import dev.baton.domain.ProviderWebhookOutcome;
import java.util.function.Function;

/**
 * Takes a provider's own webhook ({@code POST /v1/providers/openai/webhooks}) on any instance:
 * authenticated by its Standard Webhooks signature alone, it asks the leader to poll the batch it
 * names at once.
 */
public interface ProviderWebhookUseCase {

  /** Whether a webhook may be looked at now, before its body is read. */
  enum Admission {
    ADMITTED,
    /** No signing secret is configured for the provider: its webhooks are refused. */
    NOT_CONFIGURED,
    /** More webhooks arrived on this instance than it takes a second: the sender retries. */
    RATE_LIMITED
  }

  /**
   * A provider's event as its body says: its type, and the provider's batch id for a batch event.
   *
   * @param batchId the provider's batch id, or null when the event is not about a batch
   */
  record ProviderEvent(String type, String batchId) {}

  /**
   * What became of a webhook.
   *
   * @param detail one line for the sender and the log; it never quotes a header or the body
   */
  record Receipt(ProviderWebhookOutcome outcome, String detail) {}

  /** Thrown by an event reader for a body it cannot read; the message says what is wrong. */
  final class MalformedEventException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedEventException(String message) {
      super(message);
    }
  }

  /** Lets one webhook of {@code provider} in, or says why not; counts against the rate limit. */
  Admission admit(LlmProvider provider);

  /**
   * Verifies an admitted webhook's signature and timestamp, then reads its body with {@code
   * readEvent} and, for a batch that is tracked and running, asks for its poll — once per webhook
   * id, on whichever instance the webhook reaches.
   *
   * @param header a request header's value by its lowercase name, or null when absent
   * @param body the exact bytes received
   * @param readEvent reads a verified body; throws {@link MalformedEventException} when it cannot
   */
  Receipt receive(
      LlmProvider provider,
      Function<String, String> header,
      byte[] body,
      Function<byte[], ProviderEvent> readEvent);
}
