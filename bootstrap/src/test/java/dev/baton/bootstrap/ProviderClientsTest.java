package dev.baton.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.baton.adapters.llm.ProviderRequestObserver;
import dev.baton.bootstrap.config.BatonConfig;
import dev.baton.bootstrap.config.ConfigLoader;
import dev.baton.domain.LlmProvider;
import dev.baton.embedded.internal.EngineConfig;
import dev.baton.embedded.internal.ProviderClients;
import dev.baton.simulator.SimulatedProvider;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ProviderClientsTest {

  /** The clients the service's polling job gets from its configuration. */
  private static ProviderClients providerClients(
      BatonConfig config, ProviderRequestObserver observer) {
    EngineConfig.Polling polling = ConfiguredEngine.polling(config);
    return new ProviderClients(
        polling.anthropic(), polling.openAi(), polling.concurrency(), observer);
  }

  @Test
  void everyConfiguredClientReportsItsRequestsToTheObserver() {
    List<String> answered = new CopyOnWriteArrayList<>();
    try (SimulatedProvider provider = new SimulatedProvider("a-key", "o-key").start();
        ProviderClients clients =
            providerClients(
                new ConfigLoader(
                        Map.of(
                            "BATON_ANTHROPIC_API_KEY",
                            "a-key",
                            "BATON_ANTHROPIC_BASE_URL",
                            provider.anthropicBaseUrl(),
                            "BATON_OPENAI_API_KEY",
                            "o-key",
                            "BATON_OPENAI_BASE_URL",
                            provider.openAiBaseUrl()))
                    .load()
                    .config(),
                (which, code) -> answered.add(which.wireName() + " " + code))) {

      for (LlmProvider which : LlmProvider.values()) {
        // No such batch: the simulated provider answers 404, which is reported like any answer.
        catchThrowable(() -> clients.clients().get(which).retrieveBatch("batch_unknown"));
      }

      assertThat(answered).containsExactlyInAnyOrder("anthropic 404", "openai 404");
    }
  }
}
