package dev.baton.adapters.http;

import dev.baton.application.port.in.ReadinessQuery;
import java.util.Optional;

/** Ready or not, and whether the database can be asked, as a test sets it. */
final class FakeReadinessQuery implements ReadinessQuery {
  private volatile Readiness readiness = new Readiness(false, "starting");
  private volatile String databaseProblem;

  void answer(boolean ready, String detail) {
    readiness = new Readiness(ready, detail);
  }

  /** From now on the database cannot be asked, for {@code problem}; null when it can again. */
  void databaseProblem(String problem) {
    databaseProblem = problem;
  }

  @Override
  public Readiness readiness() {
    return readiness;
  }

  @Override
  public Optional<String> databaseProblem() {
    return Optional.ofNullable(databaseProblem);
  }
}
