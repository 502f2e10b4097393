package dev.baton.embedded.internal;

import dev.baton.domain.DatabaseFailure;
import java.util.Objects;

/** The database could not be used; its message is the one-line cause, in the database's words. */
public final class DatabaseProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient DatabaseFailure failure;
  private final String location;

  /**
   * @param location the database as configured, password masked
   */
  public DatabaseProblem(DatabaseFailure failure, String location, Throwable cause) {
    super(Objects.requireNonNull(failure, "failure").cause(), cause);
    this.failure = failure;
    this.location = Objects.requireNonNull(location, "location");
  }

  public DatabaseFailure failure() {
    return failure;
  }

  public String location() {
    return location;
  }

  /** What {@code /readyz} says about a database failure: one line, the database's own words. */
  public static String readinessDetail(DatabaseFailure failure) {
    return (failure.isTransient() ? "database unreachable: " : "database error: ")
        + failure.cause();
  }
}
