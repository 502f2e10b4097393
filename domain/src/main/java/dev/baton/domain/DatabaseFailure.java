package dev.baton.domain;

import java.util.Objects;

/**
 * Why the database could not be used, as the code that decides whether to retry needs to know it.
 * Each storage adapter classifies its own errors into one of these (for PostgreSQL by SQLSTATE
 * class), so that the service and an embedding application decide alike.
 *
 * @param cause one line in the database's own words, with no Java class names and no password
 */
public record DatabaseFailure(Kind kind, String cause) {

  public enum Kind {
    /**
     * The settings are wrong: a wrong password, an unknown role or database (PostgreSQL's SQLSTATE
     * classes 28 and 3D), a database file that cannot be opened. Retrying cannot help.
     */
    MISCONFIGURED,
    /**
     * The database cannot be reached now: refused, timed out, starting up or restarting, out of
     * connections. Retrying with backoff is right.
     */
    UNREACHABLE,
    /** The database was reached, but what was asked of it failed (a migration, a statement). */
    FAILED
  }

  public DatabaseFailure {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(cause, "cause");
    if (cause.contains("\n") || cause.contains("\r")) {
      throw new IllegalArgumentException("cause must be one line: " + cause);
    }
  }

  public boolean isTransient() {
    return kind == Kind.UNREACHABLE;
  }
}
