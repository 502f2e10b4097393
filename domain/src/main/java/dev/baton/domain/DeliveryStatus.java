package dev.baton.domain;

/** Where a completion webhook's delivery stands; lowercase on the wire. */
public enum DeliveryStatus {
  /** Not delivered yet: it is sent at {@code next_attempt_at}. */
  PENDING,
  /** A receiver answered 2xx. */
  DELIVERED,
  /** Given up: 410, a refused destination, or no 2xx within the retry window. */
  FAILED;

  public String wireName() {
    return WireEnum.wireName(this);
  }

  public static DeliveryStatus fromWire(String wire) {
    return WireEnum.fromWire(DeliveryStatus.class, wire);
  }
}
