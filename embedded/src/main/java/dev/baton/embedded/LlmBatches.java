package dev.baton.embedded;

import dev.baton.adapters.llm.ProviderClientSettings;
import dev.baton.application.PollLlmBatchesJob;
import dev.baton.embedded.internal.EngineConfig;
import dev.baton.embedded.internal.ProviderClients;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * The polling of LLM provider batch jobs (Anthropic Message Batches, OpenAI Batch) as one more job
 * under Baton's leadership, {@code poll_llm_batches}: every interval the leader asks each running
 * batch's provider for its state and, once a batch ends, stores all its item results before the
 * batch takes its final status. Off unless given to {@link Baton.Builder#llmBatches}.
 *
 * <pre>{@code
 * Baton.builder()
 *     .postgres(jdbcUrl)
 *     .llmBatches(LlmBatches.polling().anthropic(System.getenv("ANTHROPIC_API_KEY")))
 *     .onBatchCompleted(batch -> agents.resume(batch.providerBatchId()))
 *     .start();
 * }</pre>
 *
 * <p>Immutable: each method returns a changed copy.
 */
public final class LlmBatches {
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(300);
  public static final Duration DEFAULT_JITTER = Duration.ofSeconds(10);
  public static final Duration DEFAULT_LOOKBACK = Duration.ofDays(14);
  public static final int DEFAULT_CONCURRENCY = 16;

  private final Optional<ProviderClients.Access> anthropic;
  private final Optional<ProviderClients.Access> openAi;
  private final Duration interval;
  private final Duration jitter;
  private final Duration lookback;
  private final OptionalInt batchSize;
  private final int concurrency;

  private LlmBatches(
      Optional<ProviderClients.Access> anthropic,
      Optional<ProviderClients.Access> openAi,
      Duration interval,
      Duration jitter,
      Duration lookback,
      OptionalInt batchSize,
      int concurrency) {
    this.anthropic = anthropic;
    this.openAi = openAi;
    this.interval = requirePositive("interval", interval);
    this.jitter = Objects.requireNonNull(jitter, "jitter");
    if (jitter.isNegative()) {
      throw new IllegalArgumentException("jitter must not be negative: " + jitter);
    }
    this.lookback = requirePositive("lookback", lookback);
    this.batchSize = batchSize;
    if (batchSize.isPresent() && batchSize.getAsInt() < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1: " + batchSize.getAsInt());
    }
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1: " + concurrency);
    }
    this.concurrency = concurrency;
  }

  /**
   * Polling every 300 s (with up to 10 s of jitter), of batches created in the last 14 days, all of
   * them each cycle, 16 provider calls in flight at most; no provider until one is given.
   */
  public static LlmBatches polling() {
    return new LlmBatches(
        Optional.empty(),
        Optional.empty(),
        DEFAULT_INTERVAL,
        DEFAULT_JITTER,
        DEFAULT_LOOKBACK,
        OptionalInt.empty(),
        DEFAULT_CONCURRENCY);
  }

  /** Anthropic's Message Batches at {@code https://api.anthropic.com}. */
  public LlmBatches anthropic(String apiKey) {
    return anthropic(apiKey, URI.create(ProviderClientSettings.ANTHROPIC_BASE_URL));
  }

  /** Anthropic's Message Batches at another base URL (a proxy, a simulator). */
  public LlmBatches anthropic(String apiKey, URI baseUrl) {
    return new LlmBatches(
        Optional.of(access(apiKey, baseUrl)),
        openAi,
        interval,
        jitter,
        lookback,
        batchSize,
        concurrency);
  }

  /** OpenAI's Batch API at {@code https://api.openai.com/v1}. */
  public LlmBatches openAi(String apiKey) {
    return openAi(apiKey, URI.create(ProviderClientSettings.OPENAI_BASE_URL));
  }

  /** OpenAI's Batch API at another base URL (a proxy, a simulator). */
  public LlmBatches openAi(String apiKey, URI baseUrl) {
    return new LlmBatches(
        anthropic,
        Optional.of(access(apiKey, baseUrl)),
        interval,
        jitter,
        lookback,
        batchSize,
        concurrency);
  }

  /** How often the running batches are polled. */
  public LlmBatches every(Duration interval) {
    return new LlmBatches(anthropic, openAi, interval, jitter, lookback, batchSize, concurrency);
  }

  /** The most a cycle is delayed at random, so instances restarted together spread out. */
  public LlmBatches jitter(Duration jitter) {
    return new LlmBatches(anthropic, openAi, interval, jitter, lookback, batchSize, concurrency);
  }

  /** Only batches created this recently are polled. */
  public LlmBatches lookback(Duration lookback) {
    return new LlmBatches(anthropic, openAi, interval, jitter, lookback, batchSize, concurrency);
  }

  /** At most this many batches a cycle (the oldest polled longest ago first). */
  public LlmBatches batchSize(int batchSize) {
    return new LlmBatches(
        anthropic, openAi, interval, jitter, lookback, OptionalInt.of(batchSize), concurrency);
  }

  /** At most this many provider calls in flight. */
  public LlmBatches concurrency(int concurrency) {
    return new LlmBatches(anthropic, openAi, interval, jitter, lookback, batchSize, concurrency);
  }

  /** As the engine runs it: on its schedule, with the default chunk size and give-up time. */
  EngineConfig.Polling engineSettings() {
    return new EngineConfig.Polling(
        anthropic,
        openAi,
        interval,
        jitter,
        new PollLlmBatchesJob.Settings(
            lookback, batchSize, PollLlmBatchesJob.Settings.DEFAULT_RESULT_CHUNK_SIZE),
        concurrency,
        true);
  }

  /** The API keys given, to be masked wherever a provider might echo one back. */
  List<String> apiKeys() {
    return Stream.of(anthropic, openAi)
        .flatMap(Optional::stream)
        .map(ProviderClients.Access::apiKey)
        .toList();
  }

  int concurrency() {
    return concurrency;
  }

  private static ProviderClients.Access access(String apiKey, URI baseUrl) {
    Objects.requireNonNull(apiKey, "apiKey");
    Objects.requireNonNull(baseUrl, "baseUrl");
    if (apiKey.isBlank()) {
      throw new IllegalArgumentException("an API key must not be blank");
    }
    String scheme = baseUrl.getScheme();
    if (!"https".equals(scheme) && !"http".equals(scheme)) {
      throw new IllegalArgumentException("a provider base URL is http or https: " + baseUrl);
    }
    return new ProviderClients.Access(baseUrl.toString(), apiKey);
  }

  private static Duration requirePositive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
    return value;
  }

  @Override
  public String toString() {
    return "LlmBatches[every "
        + interval
        + ", anthropic "
        + (anthropic.isPresent() ? "on" : "off")
        + ", openai "
        + (openAi.isPresent() ? "on" : "off")
        + "]";
  }
}
