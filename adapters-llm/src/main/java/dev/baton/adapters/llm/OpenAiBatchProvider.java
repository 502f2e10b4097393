package dev.baton.adapters.llm;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.RequestOptions;
import com.openai.core.Timeout;
import com.openai.core.http.HttpResponse;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIRetryableException;
import com.openai.errors.OpenAIServiceException;
import dev.baton.domain.LlmProvider;
import dev.baton.domain.ProviderBatchState;
import dev.baton.domain.ProviderItemResult;
import dev.baton.domain.port.LlmBatchProviderPort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * OpenAI Batch through the official SDK, used for its transport, authentication and models. Answers
 * are read raw, so Baton keeps the provider's JSON exactly as sent and streams the output and error
 * files line by line.
 */
public final class OpenAiBatchProvider implements LlmBatchProviderPort, AutoCloseable {
  private static final LlmProvider PROVIDER = LlmProvider.OPENAI;

  private final OpenAIClient client;
  private final RetryPolicy retry;
  private final RequestOptions retrieveOptions;
  private final RequestOptions resultsOptions;
  private final JsonLines jsonLines = new JsonLines(PROVIDER);

  public OpenAiBatchProvider(ProviderClientSettings settings) {
    this(settings, Sleeper.THREAD_SLEEP, ProviderRequestObserver.NONE);
  }

  /** A client that reports every HTTP attempt to {@code observer}. */
  public OpenAiBatchProvider(ProviderClientSettings settings, ProviderRequestObserver observer) {
    this(settings, Sleeper.THREAD_SLEEP, observer);
  }

  OpenAiBatchProvider(ProviderClientSettings settings, Sleeper sleeper) {
    this(settings, sleeper, ProviderRequestObserver.NONE);
  }

  OpenAiBatchProvider(
      ProviderClientSettings settings, Sleeper sleeper, ProviderRequestObserver observer) {
    Objects.requireNonNull(settings, "settings");
    Duration timeout = settings.callTimeout();
    this.client =
        OpenAIOkHttpClient.builder()
            .baseUrl(settings.baseUrl())
            .apiKey(settings.apiKey())
            // Baton's RetryPolicy is the one retry policy.
            .maxRetries(0)
            .timeout(timeout)
            .build();
    this.retry = new RetryPolicy(PROVIDER, settings.retry(), sleeper, observer);
    this.retrieveOptions = RequestOptions.builder().timeout(timeout).build();
    this.resultsOptions =
        RequestOptions.builder()
            .timeout(
                Timeout.builder()
                    .connect(timeout)
                    .read(timeout)
                    .write(timeout)
                    .request(Duration.ZERO) // a large file may take minutes as a whole
                    .build())
            .build();
  }

  @Override
  public LlmProvider provider() {
    return PROVIDER;
  }

  @Override
  public ProviderBatchState retrieveBatch(String providerBatchId) {
    if (providerBatchId == null || providerBatchId.isBlank()) {
      throw new IllegalArgumentException("a provider batch id is required");
    }
    String what = "retrieve batch " + providerBatchId;
    String rawJson =
        retry.call(
            what,
            () ->
                readBody(
                    what,
                    () ->
                        client
                            .batches()
                            .withRawResponse()
                            .retrieve(providerBatchId, retrieveOptions)));
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
      HttpResponse response =
          retry.call(what, () -> send(what, () -> client.files().content(fileId, resultsOptions)));
      try (response) {
        read += jsonLines.read(what, response.body(), OpenAiStates::itemResult, sink);
      }
    }
    jsonLines.requireAtLeast(
        "results of batch " + batch.providerBatchId(), read, batch.requestCounts().finished());
    return read;
  }

  /** Closes the SDK client's connections. */
  @Override
  public void close() {
    client.close();
  }

  private String readBody(String what, Supplier<? extends HttpResponse> call) {
    try (HttpResponse response = send(what, call)) {
      return new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | UncheckedIOException e) {
      throw HttpFailures.fromIo(PROVIDER, what, e);
    }
  }

  private static HttpResponse send(String what, Supplier<? extends HttpResponse> call) {
    try {
      return call.get();
    } catch (OpenAIServiceException e) {
      throw HttpFailures.fromStatus(
          PROVIDER, e.statusCode(), e.headers()::values, e.getMessage(), false);
    } catch (OpenAIIoException | OpenAIRetryableException e) {
      throw HttpFailures.fromIo(PROVIDER, what, e);
    }
  }
}
