package dev.baton.domain;

/** What one attempt to deliver a webhook came to; lowercase as a metric label. */
public enum WebhookAttemptOutcome {
  /** A receiver answered 2xx. */
  DELIVERED,
  /** No 2xx: it is tried again later. */
  RETRIED,
  /** Given up: 410, a refused destination, or the retry window is over. */
  FAILED;

  public String wireName() {
    return WireEnum.wireName(this);
  }
}
