package dev.baton.domain.port;

import dev.baton.domain.LlmProvider;
import dev.baton.domain.LlmProviderRejectedException;
import dev.baton.domain.LlmProviderRetryableException;
import dev.baton.domain.ProviderBatchState;
import dev.baton.domain.ProviderItemResult;
import java.util.function.Consumer;

/**
 * One LLM provider's batch API. Calls block the calling thread (Baton bounds how many run at once),
 * each with its own timeout and retries, and throw {@link LlmProviderRejectedException} or {@link
 * LlmProviderRetryableException} when they fail.
 */
public interface LlmBatchProviderPort {

  LlmProvider provider();

  /** Asks the provider for the current state of one batch. */
  ProviderBatchState retrieveBatch(String providerBatchId);

  /**
   * Reads the item results of a batch in a terminal state, handing each to {@code sink} as it
   * arrives and never holding the whole file. Returns how many were handed over, and returns only
   * when every result was read; a failure midway throws after some results were handed over, so the
   * batch must not be taken as complete (handing them over again later is harmless: results are
   * stored by custom id).
   */
  long streamItemResults(ProviderBatchState batch, Consumer<ProviderItemResult> sink);
}
