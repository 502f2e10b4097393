package dev.baton.bootstrap;

import dev.baton.adapters.llm.AnthropicBatchProvider;
import dev.baton.adapters.llm.OpenAiBatchProvider;
import dev.baton.adapters.llm.ProviderClientSettings;
import dev.baton.adapters.llm.ProviderRequestObserver;
import dev.baton.bootstrap.config.BatonConfig;
import dev.baton.bootstrap.logging.MdcCarryingExecutor;
import dev.baton.domain.LlmProvider;
import dev.baton.domain.port.LlmBatchProviderPort;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider clients whose API key is configured, and the bounded pool their calls run on ({@code
 * BATON_PROVIDER_CONCURRENCY} calls in flight at most), each call with the logging context of the
 * run that made it.
 */
final class ProviderClients implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ProviderClients.class);

  private final Map<LlmProvider, LlmBatchProviderPort> clients = new EnumMap<>(LlmProvider.class);
  private final ExecutorService calls;

  ProviderClients(BatonConfig config, ProviderRequestObserver observer) {
    config
        .anthropicApiKey()
        .ifPresent(
            key ->
                clients.put(
                    LlmProvider.ANTHROPIC,
                    new AnthropicBatchProvider(
                        ProviderClientSettings.of(
                            config.anthropicBaseUrl().toString(), key.value()),
                        observer)));
    config
        .openAiApiKey()
        .ifPresent(
            key ->
                clients.put(
                    LlmProvider.OPENAI,
                    new OpenAiBatchProvider(
                        ProviderClientSettings.of(config.openAiBaseUrl().toString(), key.value()),
                        observer)));
    for (LlmProvider provider : LlmProvider.values()) {
      if (!clients.containsKey(provider)) {
        log.info(
            "No API key for {}: its batches are tracked but not polled until one is configured",
            provider.wireName());
      }
    }
    AtomicInteger count = new AtomicInteger();
    this.calls =
        new MdcCarryingExecutor(
            Executors.newFixedThreadPool(
                config.providerConcurrency(),
                runnable -> {
                  Thread thread = new Thread(runnable, "baton-provider-" + count.incrementAndGet());
                  thread.setDaemon(true);
                  return thread;
                }));
  }

  Map<LlmProvider, LlmBatchProviderPort> clients() {
    return Map.copyOf(clients);
  }

  ExecutorService calls() {
    return calls;
  }

  @Override
  public void close() {
    calls.shutdownNow();
    for (LlmBatchProviderPort client : clients.values()) {
      if (client instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          log.debug("Closing the {} client failed", client.provider().wireName(), e);
        }
      }
    }
  }
}
