package dev.baton.adapters.http;

import dev.baton.application.port.in.ReadinessQuery;

/** Ready or not, as a test sets it. */
final class FakeReadinessQuery implements ReadinessQuery {
  private volatile Readiness readiness = new Readiness(false, "starting");

  void answer(boolean ready, String detail) {
    readiness = new Readiness(ready, detail);
  }

  @Override
  public Readiness readiness() {
    return readiness;
  }
}
