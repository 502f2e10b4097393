package dev.baton.adapters.llm;

import dev.baton.application.webhook.SecretRedaction;
import dev.baton.domain.LlmProvider;
import dev.baton.domain.ProviderBatchState;
import dev.baton.domain.ProviderItemResult;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Anthropic Message Batches over HTTP: {@code GET /v1/messages/batches/{id}} and its results file.
 * The batch answer is kept byte for byte; results are streamed line by line, never held whole.
 */
public final class AnthropicBatchProvider extends HttpBatchProvider {
  /** The documented Message Batches contract Baton is written against. */
  static final String ANTHROPIC_VERSION = "2023-06-01";

  public AnthropicBatchProvider(ProviderClientSettings settings) {
    this(settings, ProviderRequestObserver.NONE);
  }

  /** A client that reports every HTTP attempt to {@code observer}. */
  public AnthropicBatchProvider(ProviderClientSettings settings, ProviderRequestObserver observer) {
    this(settings, observer, NO_OTHER_SECRETS);
  }

  /**
   * A client whose failures mask, besides its own API key and key-shaped text, every secret {@code
   * redaction} knows: the other keys and tokens of the process.
   */
  public AnthropicBatchProvider(
      ProviderClientSettings settings,
      ProviderRequestObserver observer,
      SecretRedaction redaction) {
    this(settings, Ticker.SYSTEM, observer, redaction);
  }

  AnthropicBatchProvider(
      ProviderClientSettings settings,
      Ticker ticker,
      ProviderRequestObserver observer,
      SecretRedaction redaction) {
    super(
        new ProviderHttp.Dialect(
            LlmProvider.ANTHROPIC,
            Map.of("x-api-key", settings.apiKey(), "anthropic-version", ANTHROPIC_VERSION),
            true,
            RateLimit::anthropic),
        settings,
        ticker,
        observer,
        redaction);
  }

  @Override
  public ProviderBatchState retrieveBatch(String providerBatchId) {
    return retrieve(
        providerBatchId, AnthropicBatchProvider::batchPath, AnthropicStates::batchState);
  }

  /**
   * Reads the results from the batch's own path, as the official SDK does, rather than from the
   * answer's {@code results_url}: the API key goes to the configured base URL only.
   */
  @Override
  public long streamItemResults(ProviderBatchState batch, Consumer<ProviderItemResult> sink) {
    requireOwnBatch(batch);
    String id = batch.providerBatchId();
    String what = "results of batch " + id;
    long read = 0;
    if (batch.hasResults()) {
      String path = batchPath(ProviderUrls.segment(id)) + "/results";
      read = readResults(what, path, AnthropicStates::itemResult, sink);
    }
    requireAllResults(what, read, batch);
    return read;
  }

  private static String batchPath(String idSegment) {
    return "/v1/messages/batches/" + idSegment;
  }
}
