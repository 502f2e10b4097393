package dev.baton.domain;

import java.util.Objects;

/** A result to store for the item {@code customId} of a batch (inserted if unknown). */
public record ItemResultUpdate(String customId, BatchStatus status, String resultJson) {

  public ItemResultUpdate {
    Objects.requireNonNull(customId, "customId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(resultJson, "resultJson");
  }
}
