package dev.baton.embedded;

/**
 * Baton could not start because the database settings are wrong: a wrong password, an unknown role
 * or database, a database file that cannot be opened. Retrying would not help; the message is one
 * line in the database's own words, without any password.
 */
public class BatonStartException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  BatonStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
