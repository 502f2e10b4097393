package dev.baton.domain;

/**
 * What became of a provider's webhook sent to Baton; the label of {@code
 * baton_provider_webhooks_total{provider,outcome}}.
 */
public enum ProviderWebhookOutcome {
  /** Verified, about a tracked batch: its poll is asked for, unless it is final already. */
  ACCEPTED,
  /** Verified, with a webhook id recorded before (on any instance): nothing changed. */
  REPLAYED,
  /** Verified, about a batch Baton does not track. */
  UNKNOWN_BATCH,
  /** Verified, of an event type Baton does not use. */
  IGNORED_TYPE,
  /** A signature header is missing or malformed, or no signature matches the body. */
  BAD_SIGNATURE,
  /** Signed with the secret, but its timestamp is more than five minutes from now. */
  STALE_TIMESTAMP,
  /** Verified, but its body is not an event Baton can read. */
  MALFORMED;

  public String wireName() {
    return WireEnum.wireName(this);
  }
}
