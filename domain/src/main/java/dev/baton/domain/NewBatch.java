package dev.baton.domain;

import java.util.List;
import java.util.Objects;

/** A batch already submitted to its provider, to be tracked from now on. */
public record NewBatch(LlmProvider provider, String providerBatchId, List<String> customIds) {

  public NewBatch {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(providerBatchId, "providerBatchId");
    customIds = List.copyOf(customIds);
  }
}
