package dev.baton.adapters.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.application.webhook.SecretRedaction;
import dev.baton.domain.LlmProvider;
import dev.baton.domain.LlmProviderRetryableException;
import dev.baton.domain.ProviderBatchState;
import dev.baton.domain.ProviderItemResult;
import dev.baton.domain.port.LlmBatchProviderPort;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * What both providers' clients do alike: fetch a batch's answer and read its state, stream a
 * results file line by line (never held whole), check the counts, refuse another provider's batch,
 * close. Each client brings its wire format: headers, paths and state tables.
 */
abstract class HttpBatchProvider implements LlmBatchProviderPort, AutoCloseable {
  /** No secrets besides the client's own key and key-shaped text. */
  static final SecretRedaction NO_OTHER_SECRETS = new SecretRedaction(List.of());

  private final LlmProvider provider;
  private final ProviderUrls urls;
  private final ProviderHttp http;
  private final JsonLines jsonLines;

  HttpBatchProvider(
      ProviderHttp.Dialect dialect,
      ProviderClientSettings settings,
      Ticker ticker,
      ProviderRequestObserver observer,
      SecretRedaction redaction) {
    this.provider = dialect.provider();
    this.urls = new ProviderUrls(settings.baseUrl());
    this.http = new ProviderHttp(dialect, settings, ticker, observer, redaction);
    this.jsonLines = new JsonLines(provider);
  }

  @Override
  public final LlmProvider provider() {
    return provider;
  }

  /**
   * The batch at {@code path} of its id, its state read by {@code toState}. A malformed answer is
   * not retried within the call: the same bytes would come back.
   */
  final ProviderBatchState retrieve(
      String providerBatchId,
      UnaryOperator<String> path,
      BiFunction<String, String, ProviderBatchState> toState) {
    ProviderUrls.requireId(providerBatchId);
    String what = "retrieve batch " + providerBatchId;
    String rawJson =
        http.fetch(urls.resolve(path.apply(ProviderUrls.segment(providerBatchId))), what);
    try {
      return toState.apply(providerBatchId, rawJson);
    } catch (MalformedAnswerException e) {
      throw new LlmProviderRetryableException(
          provider,
          200,
          provider.wireName() + " " + what + ": malformed answer: " + e.getMessage(),
          e);
    }
  }

  /** Streams the results file at {@code path} to {@code sink}; returns how many were read. */
  final long readResults(
      String what,
      String path,
      BiFunction<JsonNode, String, ProviderItemResult> toResult,
      Consumer<ProviderItemResult> sink) {
    URI uri = urls.resolve(path);
    long read = 0;
    try (InputStream body = http.open(uri, what)) {
      read = jsonLines.read(what, uri, body, toResult, sink);
    } catch (IOException closing) {
      // the body is closed once read or given up: nothing is left to release
    }
    return read;
  }

  /** Fails when fewer results were read than the batch says it finished. */
  final void requireAllResults(String what, long read, ProviderBatchState batch) {
    jsonLines.requireAtLeast(what, read, batch.requestCounts().finished());
  }

  final void requireOwnBatch(ProviderBatchState batch) {
    if (batch.provider() != provider) {
      throw new IllegalArgumentException(
          "a "
              + batch.provider().wireName()
              + " batch given to the "
              + provider.wireName()
              + " client");
    }
  }

  /** Ends the client's connections and threads. */
  @Override
  public final void close() {
    http.close();
  }
}
