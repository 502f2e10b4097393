package dev.baton.adapters.llm;

import dev.baton.domain.LlmProvider;

/** Told of every HTTP attempt a client makes, retries included, for metrics. Must not throw. */
@FunctionalInterface
public interface ProviderRequestObserver {
  ProviderRequestObserver NONE = (provider, code) -> {};

  /**
   * @param code the HTTP status code of the answer, as text, or {@code io_error} when none came
   */
  void requestAnswered(LlmProvider provider, String code);
}
