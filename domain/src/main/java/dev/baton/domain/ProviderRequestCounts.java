package dev.baton.domain;

/**
 * How many requests of a batch are in each state, in Baton's terms. Providers that do not report a
 * count (OpenAI has no cancelled or expired count) report 0 for it.
 */
public record ProviderRequestCounts(
    long processing, long succeeded, long failed, long cancelled, long expired) {

  public static final ProviderRequestCounts NONE = new ProviderRequestCounts(0, 0, 0, 0, 0);

  public ProviderRequestCounts {
    if (processing < 0 || succeeded < 0 || failed < 0 || cancelled < 0 || expired < 0) {
      throw new IllegalArgumentException("request counts must not be negative");
    }
  }

  public long total() {
    return processing + succeeded + failed + cancelled + expired;
  }

  /** Requests the provider has finished with, each of which has a result line. */
  public long finished() {
    return succeeded + failed + cancelled + expired;
  }
}
