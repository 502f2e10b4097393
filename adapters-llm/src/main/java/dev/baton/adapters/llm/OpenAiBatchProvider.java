package dev.baton.adapters.llm;

import dev.baton.application.webhook.SecretRedaction;
import dev.baton.domain.LlmProvider;
import dev.baton.domain.ProviderBatchState;
import dev.baton.domain.ProviderItemResult;
import java.util.Map;
import java.util.function.Consumer;

/**
 * OpenAI Batch over HTTP: {@code GET /v1/batches/{id}} and the content of its output and error
 * files. The batch answer is kept byte for byte; the files are streamed line by line.
 */
public final class OpenAiBatchProvider extends HttpBatchProvider {

  public OpenAiBatchProvider(ProviderClientSettings settings) {
    this(settings, ProviderRequestObserver.NONE);
  }

  /** A client that reports every HTTP attempt to {@code observer}. */
  public OpenAiBatchProvider(ProviderClientSettings settings, ProviderRequestObserver observer) {
    this(settings, observer, NO_OTHER_SECRETS);
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

  OpenAiBatchProvider(
      ProviderClientSettings settings,
      Ticker ticker,
      ProviderRequestObserver observer,
      SecretRedaction redaction) {
    super(
        new ProviderHttp.Dialect(
            LlmProvider.OPENAI,
            Map.of("Authorization", "Bearer " + settings.apiKey()),
            false,
            RateLimit::openAi),
        settings,
        ticker,
        observer,
        redaction);
  }

  @Override
  public ProviderBatchState retrieveBatch(String providerBatchId) {
    return retrieve(providerBatchId, id -> "/batches/" + id, OpenAiStates::batchState);
  }

  /** Reads the output file, then the error file: a failed request may be in either. */
  @Override
  public long streamItemResults(ProviderBatchState batch, Consumer<ProviderItemResult> sink) {
    requireOwnBatch(batch);
    long read = 0;
    for (String fileId : batch.resultSources()) {
      String what = "results file " + fileId + " of batch " + batch.providerBatchId();
      String path = "/files/" + ProviderUrls.segment(fileId) + "/content";
      read += readResults(what, path, OpenAiStates::itemResult, sink);
    }
    requireAllResults("results of batch " + batch.providerBatchId(), read, batch);
    return read;
  }
}
