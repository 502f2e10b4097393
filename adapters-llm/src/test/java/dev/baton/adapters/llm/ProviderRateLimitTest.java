package dev.baton.adapters.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.domain.LlmProvider;
import dev.baton.domain.port.LlmBatchProviderPort;
import dev.baton.simulator.SimulatedBatch;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Both clients read the limit the simulated provider states and pace themselves to it. */
class ProviderRateLimitTest {
  private static final int REQUESTS = 6;

  @org.junit.jupiter.api.extension.RegisterExtension
  final SimulatedProviderFixture fixture = new SimulatedProviderFixture();

  @ParameterizedTest
  @EnumSource(LlmProvider.class)
  void requestsAreSpacedByTheLimitAMinuteAndNoneIsRefused(LlmProvider provider) throws Exception {
    fixture.simulator.requestsPerMinute(600); // one every 100 ms
    String id = provider == LlmProvider.ANTHROPIC ? "msgbatch_1" : "batch_1";
    fixture.simulator.add(
        provider == LlmProvider.ANTHROPIC
            ? SimulatedBatch.anthropic(id).build()
            : SimulatedBatch.openAi(id).build());

    long started;
    long ended;
    try (AutoCloseable closeable = fixture.realTimeClient(provider)) {
      LlmBatchProviderPort client = (LlmBatchProviderPort) closeable;
      started = System.nanoTime();
      for (int request = 0; request < REQUESTS; request++) {
        client.retrieveBatch(id);
      }
      ended = System.nanoTime();
    }

    // pacing waits at least the spacing: a lower bound, whatever the machine's speed
    assertThat(Duration.ofNanos(ended - started))
        .isGreaterThanOrEqualTo(Duration.ofMillis(100L * (REQUESTS - 1)));
    assertThat(fixture.simulator.rateLimitedAnswers()).isZero();
    assertThat(fixture.simulator.requestCount()).isEqualTo(REQUESTS);
  }
}
