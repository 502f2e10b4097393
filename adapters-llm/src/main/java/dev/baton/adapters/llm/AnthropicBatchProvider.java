package dev.baton.adapters.llm;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.RequestOptions;
import com.anthropic.core.Timeout;
import com.anthropic.core.http.HttpResponse;
import com.anthropic.errors.AnthropicIoException;
import com.anthropic.errors.AnthropicRetryableException;
import com.anthropic.errors.AnthropicServiceException;
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
 * Anthropic Message Batches through the official SDK, used for its transport, authentication and
 * models. Answers are read raw, so Baton keeps the provider's JSON exactly as sent and streams
 * results without the SDK's per-line objects.
 */
public final class AnthropicBatchProvider implements LlmBatchProviderPort, AutoCloseable {
  private static final LlmProvider PROVIDER = LlmProvider.ANTHROPIC;
  private static final String ANTHROPIC_VERSION = "2023-06-01";

  private final AnthropicClient client;
  private final RetryPolicy retry;
  private final RequestOptions retrieveOptions;
  private final RequestOptions resultsOptions;
  private final JsonLines jsonLines = new JsonLines(PROVIDER);

  public AnthropicBatchProvider(ProviderClientSettings settings) {
    this(settings, Sleeper.THREAD_SLEEP, ProviderRequestObserver.NONE);
  }

  /** A client that reports every HTTP attempt to {@code observer}. */
  public AnthropicBatchProvider(ProviderClientSettings settings, ProviderRequestObserver observer) {
    this(settings, Sleeper.THREAD_SLEEP, observer);
  }

  AnthropicBatchProvider(ProviderClientSettings settings, Sleeper sleeper) {
    this(settings, sleeper, ProviderRequestObserver.NONE);
  }

  AnthropicBatchProvider(
      ProviderClientSettings settings, Sleeper sleeper, ProviderRequestObserver observer) {
    Objects.requireNonNull(settings, "settings");
    Duration timeout = settings.callTimeout();
    this.client =
        AnthropicOkHttpClient.builder()
            .baseUrl(settings.baseUrl())
            .apiKey(settings.apiKey())
            // This SDK sends the key as a bearer token and a newer API version by default; the
            // Message Batches contract Baton is written against is the documented key header
            // and version. With x-api-key present, the SDK adds no Authorization header.
            .putHeader("x-api-key", settings.apiKey())
            .putHeader("anthropic-version", ANTHROPIC_VERSION)
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
    requireId(providerBatchId);
    String what = "retrieve batch " + providerBatchId;
    String rawJson =
        retry.call(
            what,
            () ->
                readBody(
                    what,
                    () ->
                        client
                            .messages()
                            .batches()
                            .withRawResponse()
                            .retrieve(providerBatchId, retrieveOptions)));
    try {
      return AnthropicStates.batchState(providerBatchId, rawJson);
    } catch (MalformedAnswerException e) {
      throw ProviderAnswers.malformed(PROVIDER, what, e);
    }
  }

  @Override
  public long streamItemResults(ProviderBatchState batch, Consumer<ProviderItemResult> sink) {
    ProviderAnswers.requireOwnBatch(PROVIDER, batch);
    String id = batch.providerBatchId();
    String what = "results of batch " + id;
    long read = 0;
    if (batch.hasResults()) {
      HttpResponse response =
          retry.call(
              what,
              () ->
                  send(
                      what,
                      () ->
                          client
                              .messages()
                              .batches()
                              .withRawResponse()
                              .resultsStreaming(id, resultsOptions)));
      try (response) {
        read = jsonLines.read(what, response.body(), AnthropicStates::itemResult, sink);
      }
    }
    jsonLines.requireAtLeast(what, read, batch.requestCounts().finished());
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
    } catch (AnthropicServiceException e) {
      throw HttpFailures.fromStatus(
          PROVIDER, e.statusCode(), e.headers()::values, e.getMessage(), true);
    } catch (AnthropicIoException | AnthropicRetryableException e) {
      throw HttpFailures.fromIo(PROVIDER, what, e);
    }
  }

  private static void requireId(String providerBatchId) {
    if (providerBatchId == null || providerBatchId.isBlank()) {
      throw new IllegalArgumentException("a provider batch id is required");
    }
  }
}
