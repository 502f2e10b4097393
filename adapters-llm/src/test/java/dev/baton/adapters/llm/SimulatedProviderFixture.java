package dev.baton.adapters.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.baton.application.webhook.SecretRedaction;
import dev.baton.domain.LlmProvider;
import dev.baton.domain.ProviderBatchState;
import dev.baton.domain.ProviderItemResult;
import dev.baton.simulator.SimulatedBatch;
import dev.baton.simulator.SimulatedOutcome;
import dev.baton.simulator.SimulatedProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A simulated provider on a free loopback port for each test, and clients of both providers pointed
 * at it with fast retries whose waits are recorded instead of slept.
 */
final class SimulatedProviderFixture implements BeforeEachCallback, AfterEachCallback {
  static final String ANTHROPIC_KEY = "sk-ant-test-key";
  static final String OPENAI_KEY = "sk-openai-test-key";
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
  static final RetrySettings FAST_RETRIES =
      new RetrySettings(4, Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(60));

  final RecordingTicker ticker = new RecordingTicker();
  SimulatedProvider simulator;
  private AnthropicBatchProvider anthropic;
  private OpenAiBatchProvider openAi;

  @Override
  public void beforeEach(ExtensionContext context) {
    simulator = new SimulatedProvider(ANTHROPIC_KEY, OPENAI_KEY).start();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (anthropic != null) {
      anthropic.close();
    }
    if (openAi != null) {
      openAi.close();
    }
    simulator.close();
  }

  AnthropicBatchProvider anthropic() {
    if (anthropic == null) {
      anthropic = anthropic(ANTHROPIC_KEY, CALL_TIMEOUT);
    }
    return anthropic;
  }

  OpenAiBatchProvider openAi() {
    if (openAi == null) {
      openAi = openAi(OPENAI_KEY, CALL_TIMEOUT);
    }
    return openAi;
  }

  /**
   * The results {@code client} streams of a batch with one item of each simulated outcome, in the
   * order of {@link SimulatedOutcome}, that ended in {@code endState}; the count it answers is
   * checked.
   */
  List<ProviderItemResult> oneResultOfEachOutcome(
      SimulatedBatch.Builder batch, String endState, HttpBatchProvider client) {
    SimulatedOutcome[] outcomes = SimulatedOutcome.values();
    SimulatedBatch simulated =
        batch.states(endState).items(outcomes.length, index -> outcomes[index]).build();
    simulator.add(simulated);
    ProviderBatchState state = client.retrieveBatch(simulated.id());
    List<ProviderItemResult> results = new ArrayList<>();

    assertThat(client.streamItemResults(state, results::add)).isEqualTo(outcomes.length);
    return results;
  }

  /** Each result's custom id, type and item status, to compare with {@code tuple}s. */
  static List<Tuple> typesAndStatuses(List<ProviderItemResult> results) {
    return results.stream()
        .map(result -> tuple(result.customId(), result.providerResultType(), result.itemStatus()))
        .toList();
  }

  /** A further client the test closes itself, which really waits. */
  AutoCloseable realTimeClient(LlmProvider provider) {
    return provider == LlmProvider.ANTHROPIC
        ? client(
            AnthropicBatchProvider::new,
            simulator.anthropicBaseUrl(),
            ANTHROPIC_KEY,
            CALL_TIMEOUT,
            Ticker.SYSTEM)
        : client(
            OpenAiBatchProvider::new,
            simulator.openAiBaseUrl(),
            OPENAI_KEY,
            CALL_TIMEOUT,
            Ticker.SYSTEM);
  }

  /** A further client the test closes itself. */
  AnthropicBatchProvider anthropic(String apiKey, Duration callTimeout) {
    return client(
        AnthropicBatchProvider::new, simulator.anthropicBaseUrl(), apiKey, callTimeout, ticker);
  }

  /** A further client the test closes itself. */
  OpenAiBatchProvider openAi(String apiKey, Duration callTimeout) {
    return client(OpenAiBatchProvider::new, simulator.openAiBaseUrl(), apiKey, callTimeout, ticker);
  }

  /** A client of either provider with fast retries, no observer and no other secrets. */
  static <C extends HttpBatchProvider> C client(
      ClientConstructor<C> constructor,
      String baseUrl,
      String apiKey,
      Duration callTimeout,
      Ticker ticker) {
    return constructor.create(
        new ProviderClientSettings(baseUrl, apiKey, callTimeout, FAST_RETRIES),
        ticker,
        ProviderRequestObserver.NONE,
        HttpBatchProvider.NO_OTHER_SECRETS);
  }

  /** A provider client's package-private constructor. */
  @FunctionalInterface
  interface ClientConstructor<C extends HttpBatchProvider> {
    C create(
        ProviderClientSettings settings,
        Ticker ticker,
        ProviderRequestObserver observer,
        SecretRedaction redaction);
  }
}
