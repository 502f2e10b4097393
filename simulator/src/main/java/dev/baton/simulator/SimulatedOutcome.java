package dev.baton.simulator;

/** How one simulated request ends, written in each provider's own words. */
public enum SimulatedOutcome {
  /** Anthropic {@code succeeded}; OpenAI a 200 response in the output file. */
  SUCCEEDED,
  /** Anthropic {@code errored}; OpenAI a 400 response in the error file. */
  FAILED,
  /** Anthropic {@code canceled}; OpenAI error {@code batch_cancelled} in the error file. */
  CANCELLED,
  /** Anthropic {@code expired}; OpenAI error {@code batch_expired} in the error file. */
  EXPIRED,
  /** A result type no client knows yet (Anthropic), or neither response nor error (OpenAI). */
  UNKNOWN
}
