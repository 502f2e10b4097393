package dev.baton.domain;

/** A batch with this provider and provider batch id is tracked already. */
public class DuplicateBatchException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DuplicateBatchException(LlmProvider provider, String providerBatchId) {
    super(provider.wireName() + " batch " + providerBatchId + " is tracked already");
  }
}
