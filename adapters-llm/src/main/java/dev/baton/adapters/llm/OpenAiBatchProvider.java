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
 * OpenAI Batch over HTTP: {@code GET /v1/batches/{id}} and the content of its output and error
 * files. The batch answer is kept byte for byte; the files are streamed line by line.
 */
public final class OpenAiBatchProvider implements LlmBatchProviderPort, AutoCloseable {
  private static final LlmProvider PROVIDER = LlmProvider.OPENAI;

  private final ProviderUrls urls;
  private final ProviderHttp http;
  private final JsonLines jsonLines = new JsonLines(PROVIDER);

  public OpenAiBatchProvider(ProviderClientSettings settings) {
    this(settings, Ticker.SYSTEM, ProviderRequestObserver.NONE);
  }

  /** A client that reports every HTTP attempt to {@code observer}. */
  public OpenAiBatchProvider(ProviderClientSettings settings, ProviderRequestObserver observer) {
    this(settings, Ticker.SYSTEM, observer);
  }

  /**
   * A client whose failures mask, besides its own API key and key-shaped text, every secret {@code
   * redaction} knows: the other keys and tokens of the process.
   */
  public OpenAiBatchProvider(
      ProviderClientSettings settings,
      ProviderRequestObserver observer,
      SecretRedaction redaction) {
    this(settings, Ticker.SYSTEM, observer, redaction);
  }

  OpenAiBatchProvider(ProviderClientSettings settings, Ticker ticker) {
    this(settings, ticker, ProviderRequestObserver.NONE);
  }

  OpenAiBatchProvider(
      ProviderClientSettings settings, Ticker ticker, ProviderRequestObserver observer) {
    this(settings, ticker, observer, new SecretRedaction(List.of()));
  }

  OpenAiBatchProvider(
      ProviderClientSettings settings,
      Ticker ticker,
      ProviderRequestObserver observer,
      SecretRedaction redaction) {
    this.urls = new ProviderUrls(settings.baseUrl());
    this.http =
        new ProviderHttp(
            new ProviderHttp.Dialect(
                PROVIDER,
                Map.of("Authorization", "Bearer " + settings.apiKey()),
                false,
                RateLimit::openAi),
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
    String rawJson =
        http.fetch(urls.resolve("/batches/" + ProviderUrls.segment(providerBatchId)), what);
    try {
      return OpenAiStates.batchState(providerBatchId, rawJson);
    } catch (MalformedAnswerException e) {
      throw ProviderAnswers.malformed(PROVIDER, what, e);
    }
  }

  /** Reads the output file, then the error file: a failed request may be in either. */
  @Override
  public long streamItemResults(ProviderBatchState batch, Consumer<ProviderItemResult> sink) {
    ProviderAnswers.requireOwnBatch(PROVIDER, batch);
    long read = 0;
    for (String fileId : batch.resultSources()) {
      String what = "results file " + fileId + " of batch " + batch.providerBatchId();
      URI uri = urls.resolve("/files/" + ProviderUrls.segment(fileId) + "/content");
      try (InputStream body = http.open(uri, what)) {
        read += jsonLines.read(what, uri, body, OpenAiStates::itemResult, sink);
      } catch (IOException closing) {
        // the body is closed once read or given up: nothing is left to release
      }
    }
    jsonLines.requireAtLeast(
        "results of batch " + batch.providerBatchId(), read, batch.requestCounts().finished());
    return read;
  }

  /** Ends the client's connections and threads. */
  @Override
  public void close() {
    http.close();
  }
}
