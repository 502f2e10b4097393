package dev.baton.domain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A provider's answer about one batch, as one poll saw it.
 *
 * @param providerState the provider's own word for the state, e.g. {@code in_progress}
 * @param batonStatus the status that state maps to; empty for a state Baton does not know, which
 *     keeps the batch's current status
 * @param resultSources where the item results are (Anthropic's {@code results_url}, OpenAI's output
 *     and error file ids); empty while the provider offers none
 * @param rawJson the provider's answer exactly as received, for {@code latest_poll_response}
 */
public record ProviderBatchState(
    LlmProvider provider,
    String providerBatchId,
    String providerState,
    Optional<BatchStatus> batonStatus,
    ProviderRequestCounts requestCounts,
    List<String> resultSources,
    String rawJson) {

  public ProviderBatchState {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(providerBatchId, "providerBatchId");
    Objects.requireNonNull(providerState, "providerState");
    Objects.requireNonNull(batonStatus, "batonStatus");
    Objects.requireNonNull(requestCounts, "requestCounts");
    resultSources = List.copyOf(resultSources);
    Objects.requireNonNull(rawJson, "rawJson");
  }

  /** Whether the provider's state is one Baton maps; an unknown one is logged and counted. */
  public boolean isKnownState() {
    return batonStatus.isPresent();
  }

  /** Whether the provider is done with the batch, so its results can be read. */
  public boolean isTerminal() {
    return batonStatus.map(BatchStatus::isTerminal).orElse(false);
  }

  public boolean hasResults() {
    return !resultSources.isEmpty();
  }
}
