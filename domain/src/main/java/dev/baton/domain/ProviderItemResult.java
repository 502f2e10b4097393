package dev.baton.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * One request's result, as one line of the provider's results file.
 *
 * @param providerResultType the provider's word for the outcome: Anthropic's {@code result.type};
 *     OpenAI's error code, or the response's HTTP status code
 * @param itemStatus the Baton status of the item; empty for an outcome Baton does not know
 * @param rawJson the line exactly as received, for {@code baton_llm_batch_item.result}
 */
public record ProviderItemResult(
    String customId, String providerResultType, Optional<BatchStatus> itemStatus, String rawJson) {

  public ProviderItemResult {
    Objects.requireNonNull(customId, "customId");
    Objects.requireNonNull(providerResultType, "providerResultType");
    Objects.requireNonNull(itemStatus, "itemStatus");
    Objects.requireNonNull(rawJson, "rawJson");
  }
}
