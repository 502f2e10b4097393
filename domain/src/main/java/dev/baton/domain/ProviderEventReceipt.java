package dev.baton.domain;

/** What recording a provider's webhook about one of its batches did. */
public enum ProviderEventReceipt {
  /** The batch is tracked and running: its poll is now asked for. */
  POLL_REQUESTED,
  /** The batch is tracked but has its final status already: there is nothing left to poll. */
  ALREADY_FINAL,
  /** No batch of that provider with that id is tracked. */
  UNKNOWN_BATCH,
  /** The webhook's id was recorded before: it changed nothing this time. */
  REPLAYED
}
