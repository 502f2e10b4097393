package dev.baton.embedded.internal;

import dev.baton.adapters.llm.AnthropicBatchProvider;
import dev.baton.adapters.llm.OpenAiBatchProvider;
import dev.baton.adapters.llm.ProviderClientSettings;
import dev.baton.adapters.llm.ProviderRequestObserver;
import dev.baton.application.MdcCarryingExecutor;
import dev.baton.application.webhook.SecretRedaction;
import dev.baton.domain.LlmProvider;
import dev.baton.domain.port.LlmBatchProviderPort;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider clients whose API key is given, and the bounded pool their calls run on ({@code
 * concurrency} calls in flight at most), each call with the logging context of the run that made
 * it. Not part of Baton's API: the engine's polling job runs on it.
 */
public final class ProviderClients implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ProviderClients.class);

  /** A provider's API base URL and key. */
  public record Access(String baseUrl, String apiKey) {
    @Override
    public String toString() {
      return "Access[" + baseUrl + ", key ****]";
    }
  }

  private final Map<LlmProvider, LlmBatchProviderPort> clients = new EnumMap<>(LlmProvider.class);
  private final ExecutorService calls;

  public ProviderClients(
      Optional<Access> anthropic,
      Optional<Access> openAi,
      int concurrency,
      ProviderRequestObserver observer) {
    this(anthropic, openAi, concurrency, observer, List.of());
  }

  /**
   * @param otherSecrets the process's other secrets (tokens, passwords): a provider's error answer
   *     is stored and logged with them masked too, beside both API keys
   */
  public ProviderClients(
      Optional<Access> anthropic,
      Optional<Access> openAi,
      int concurrency,
      ProviderRequestObserver observer,
      Collection<String> otherSecrets) {
    List<String> secrets = new ArrayList<>(otherSecrets);
    anthropic.ifPresent(access -> secrets.add(access.apiKey()));
    openAi.ifPresent(access -> secrets.add(access.apiKey()));
    SecretRedaction redaction = new SecretRedaction(secrets);
    anthropic.ifPresent(
        access ->
            clients.put(
                LlmProvider.ANTHROPIC,
                new AnthropicBatchProvider(
                    ProviderClientSettings.of(access.baseUrl(), access.apiKey()),
                    observer,
                    redaction)));
    openAi.ifPresent(
        access ->
            clients.put(
                LlmProvider.OPENAI,
                new OpenAiBatchProvider(
                    ProviderClientSettings.of(access.baseUrl(), access.apiKey()),
                    observer,
                    redaction)));
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
                concurrency,
                runnable -> {
                  Thread thread = new Thread(runnable, "baton-provider-" + count.incrementAndGet());
                  thread.setDaemon(true);
                  return thread;
                }));
  }

  public Map<LlmProvider, LlmBatchProviderPort> clients() {
    return Map.copyOf(clients);
  }

  public ExecutorService calls() {
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
