package dev.baton.adapters.llm;

import dev.baton.application.webhook.SecretRedaction;
import dev.baton.domain.LlmProvider;
import dev.baton.domain.ProviderBatchState;
import dev.baton.domain.ProviderItemResult;
import dev.baton.domain.port.LlmBatchProviderPort;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Anthropic Message Batches over HTTP: {@code GET /v1/messages/batches/{id}} and its results file.
 * The batch answer is kept byte for byte; results are streamed line by line, never held whole.
 */
public final class AnthropicBatchProvider implements LlmBatchProviderPort, AutoCloseable {
  private static final LlmProvider PROVIDER = LlmProvider.ANTHROPIC;

  /** The documented Message Batches contract Baton is written against. */
  static final String ANTHROPIC_VERSION = "2023-06-01";

  private final ProviderUrls urls;
  private final ProviderHttp http;
  private final JsonLines jsonLines = new JsonLines(PROVIDER);

  public AnthropicBatchProvider(ProviderClientSettings settings) {
    this(settings, Ticker.SYSTEM, ProviderRequestObserver.NONE);
  }

  /** A client that reports every HTTP attempt to {@code observer}. */
  public AnthropicBatchProvider(ProviderClientSettings settings, ProviderRequestObserver observer) {
    this(settings, Ticker.SYSTEM, observer);
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

  AnthropicBatchProvider(ProviderClientSettings settings, Ticker ticker) {
    this(settings, ticker, ProviderRequestObserver.NONE);
  }

  AnthropicBatchProvider(
      ProviderClientSettings settings, Ticker ticker, ProviderRequestObserver observer) {
    this(settings, ticker, observer, new SecretRedaction(List.of()));
  }

  AnthropicBatchProvider(
      ProviderClientSettings settings,
      Ticker ticker,
      ProviderRequestObserver observer,
      SecretRedaction redaction) {
    this.urls = new ProviderUrls(settings.baseUrl());
    this.http =
        new ProviderHttp(
            new ProviderHttp.Dialect(
                PROVIDER,
                Map.of("x-api-key", settings.apiKey(), "anthropic-version", ANTHROPIC_VERSION),
                true,
                RateLimit::anthropic),
            settings,
            ticker,
            observer,
            redaction);
  }

  @Override
  public LlmProvider provider() {
    return PROVIDER;
  }

  @Override
  public ProviderBatchState retrieveBatch(String providerBatchId) {
    ProviderUrls.requireId(providerBatchId);
    String what = "retrieve batch " + providerBatchId;
    String rawJson = http.fetch(batchUri(providerBatchId), what);
    try {
      return AnthropicStates.batchState(providerBatchId, rawJson);
    } catch (MalformedAnswerException e) {
      throw ProviderAnswers.malformed(PROVIDER, what, e);
    }
  }

  /**
   * Reads the results from the batch's own path, as the official SDK does, rather than from the
   * answer's {@code results_url}: the API key goes to the configured base URL only.
   */
  @Override
  public long streamItemResults(ProviderBatchState batch, Consumer<ProviderItemResult> sink) {
    ProviderAnswers.requireOwnBatch(PROVIDER, batch);
    String id = batch.providerBatchId();
    String what = "results of batch " + id;
    long read = 0;
    if (batch.hasResults()) {
      URI uri = URI.create(batchUri(id) + "/results");
      try (InputStream body = http.open(uri, what)) {
        read = jsonLines.read(what, uri, body, AnthropicStates::itemResult, sink);
      } catch (IOException closing) {
        // the body is closed once read or given up: nothing is left to release
      }
    }
    jsonLines.requireAtLeast(what, read, batch.requestCounts().finished());
    return read;
  }

  private URI batchUri(String providerBatchId) {
    return urls.resolve("/v1/messages/batches/" + ProviderUrls.segment(providerBatchId));
  }

  /** Ends the client's connections and threads. */
  @Override
  public void close() {
    http.close();
  }
}
