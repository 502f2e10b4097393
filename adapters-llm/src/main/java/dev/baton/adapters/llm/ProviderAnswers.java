package dev.baton.adapters.llm;

import dev.baton.domain.LlmProvider;
import dev.baton.domain.LlmProviderRetryableException;
import dev.baton.domain.ProviderBatchState;

/** Checks shared by both providers' clients. */
final class ProviderAnswers {
  private ProviderAnswers() {}

  /** A malformed answer is not retried within the call: the same bytes would come back. */
  static LlmProviderRetryableException malformed(
      LlmProvider provider, String what, MalformedAnswerException e) {
    return new LlmProviderRetryableException(
        provider,
        200,
        provider.wireName() + " " + what + ": malformed answer: " + e.getMessage(),
        e);
  }

  static void requireOwnBatch(LlmProvider provider, ProviderBatchState batch) {
    if (batch.provider() != provider) {
      throw new IllegalArgumentException(
          "a "
              + batch.provider().wireName()
              + " batch given to the "
              + provider.wireName()
              + " client");
    }
  }
}
