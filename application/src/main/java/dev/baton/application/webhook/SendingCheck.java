package dev.baton.application.webhook;

import java.net.URI;

/**
 * Whether one delivery attempt may go out: {@code ALLOWED} (to {@link #uri}), {@code REFUSED} (the
 * delivery fails at once, with {@link #reason}), or {@code UNRESOLVED} (the host has no address
 * now: retried like a connection error).
 */
public record SendingCheck(Verdict verdict, URI uri, String reason) {

  public enum Verdict {
    ALLOWED,
    REFUSED,
    UNRESOLVED
  }

  static SendingCheck allowed(URI uri) {
    return new SendingCheck(Verdict.ALLOWED, uri, null);
  }

  static SendingCheck refused(String reason) {
    return new SendingCheck(Verdict.REFUSED, null, reason);
  }

  static SendingCheck unresolved(String reason) {
    return new SendingCheck(Verdict.UNRESOLVED, null, reason);
  }
}
