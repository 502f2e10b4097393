package dev.baton.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * What one poll learned of a batch that stays running: when it was polled, and either the
 * provider's answer or the error that kept it from answering.
 *
 * @param latestPollResponse the provider's raw JSON, or null when the poll failed (the previous
 *     response is kept)
 * @param pollError why the poll failed, or null when it succeeded (clears an earlier error)
 */
public record BatchPollUpdate(
    long batchId, Instant polledAt, String latestPollResponse, String pollError) {

  public BatchPollUpdate {
    Objects.requireNonNull(polledAt, "polledAt");
  }
}
