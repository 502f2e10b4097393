package dev.baton.domain;

import java.time.Duration;
import java.util.List;

/**
 * What one run of the batch polling job did.
 *
 * @param duration the whole run, from the look for batches to the last write
 * @param statusWrite the one write of the polled batches' answers (their status stays as it was):
 *     the cycle's bulk update, zero when no polled batch stayed running
 * @param batches running batches polled
 * @param completed batches that took their final status
 * @param itemsUpdated item results stored
 * @param polled one entry per batch: its provider and the outcome of its poll
 */
public record PollCycleSummary(
    Duration duration,
    Duration statusWrite,
    int batches,
    int completed,
    long itemsUpdated,
    List<PolledBatch> polled) {

  public PollCycleSummary {
    polled = List.copyOf(polled);
  }

  /**
   * @param outcome the Baton status the provider's state maps to, lowercase; {@code error} when the
   *     provider could not be asked; {@code unknown} for a state Baton does not know
   */
  public record PolledBatch(LlmProvider provider, String outcome) {}
}
