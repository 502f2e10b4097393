package dev.baton.domain;

/** Baton's status of a tracked LLM batch job; lowercase on the wire. */
public enum BatchStatus {
  CREATED,
  PENDING,
  RUNNING,
  COMPLETED,
  FAILED,
  CANCELLED,
  EXPIRED;

  public String wireName() {
    return WireEnum.wireName(this);
  }

  public static BatchStatus fromWire(String wire) {
    return WireEnum.fromWire(BatchStatus.class, wire);
  }

  /** Whether the poller stops asking the provider about a batch in this status. */
  public boolean isTerminal() {
    return this == COMPLETED || this == FAILED || this == CANCELLED || this == EXPIRED;
  }
}
