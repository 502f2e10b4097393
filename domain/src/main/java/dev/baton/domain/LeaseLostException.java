package dev.baton.domain;

import java.util.Objects;

/** A leader lease check found the lease gone. */
public class LeaseLostException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final LossReason reason;

  public LeaseLostException(LossReason reason, String detail) {
    this(reason, detail, null);
  }

  public LeaseLostException(LossReason reason, String detail, Throwable cause) {
    super(detail, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public LossReason reason() {
    return reason;
  }
}
