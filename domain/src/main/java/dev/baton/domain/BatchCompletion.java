package dev.baton.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * A batch as it is the moment it took its final status, inside the transaction that stores it.
 *
 * @param webhookUrl the batch's own destination ({@code webhookUrl} when it was tracked), if any
 */
public record BatchCompletion(TrackedBatch batch, Optional<String> webhookUrl) {

  public BatchCompletion {
    Objects.requireNonNull(batch, "batch");
    Objects.requireNonNull(webhookUrl, "webhookUrl");
  }
}
