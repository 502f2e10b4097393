package dev.baton.bootstrap;

import dev.baton.domain.DatabaseFailure;
import java.util.Objects;

/** The database could not be used; its message is the one-line cause, in the database's words. */
final class DatabaseProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient DatabaseFailure failure;
  private final String location;

  /**
   * @param location the database as configured, password masked
   */
  DatabaseProblem(DatabaseFailure failure, String location, Throwable cause) {
    super(Objects.requireNonNull(failure, "failure").cause(), cause);
    this.failure = failure;
    this.location = Objects.requireNonNull(location, "location");
  }

  DatabaseFailure failure() {
    return failure;
  }

  String location() {
    return location;
  }
}
