package dev.baton.domain;

/** The leadership backend could not be asked: database unreachable, I/O error, timeout. */
public class LeadershipUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LeadershipUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
