package dev.baton.adapters.llm;

import dev.baton.domain.LlmProvider;
import dev.baton.simulator.SimulatedProvider;
import java.time.Duration;
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

  /** A further client the test closes itself, which really waits. */
  AutoCloseable realTimeClient(LlmProvider provider) {
    return provider == LlmProvider.ANTHROPIC
        ? new AnthropicBatchProvider(
            new ProviderClientSettings(
                simulator.anthropicBaseUrl(), ANTHROPIC_KEY, CALL_TIMEOUT, FAST_RETRIES),
            Ticker.SYSTEM)
        : new OpenAiBatchProvider(
            new ProviderClientSettings(
                simulator.openAiBaseUrl(), OPENAI_KEY, CALL_TIMEOUT, FAST_RETRIES),
            Ticker.SYSTEM);
  }

  /** A further client the test closes itself. */
  AnthropicBatchProvider anthropic(String apiKey, Duration callTimeout) {
    return new AnthropicBatchProvider(
        new ProviderClientSettings(simulator.anthropicBaseUrl(), apiKey, callTimeout, FAST_RETRIES),
        ticker);
  }

  /** A further client the test closes itself. */
  OpenAiBatchProvider openAi(String apiKey, Duration callTimeout) {
    return new OpenAiBatchProvider(
        new ProviderClientSettings(simulator.openAiBaseUrl(), apiKey, callTimeout, FAST_RETRIES),
        ticker);
  }
}
