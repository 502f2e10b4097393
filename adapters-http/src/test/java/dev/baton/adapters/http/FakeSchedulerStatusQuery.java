package dev.baton.adapters.http;

import dev.baton.application.port.in.SchedulerStatus;
import dev.baton.application.port.in.SchedulerStatusQuery;
import dev.baton.domain.SchedulerRole;
import java.util.List;

/** Answers with whatever status a test sets, or throws what a test tells it to. */
final class FakeSchedulerStatusQuery implements SchedulerStatusQuery {
  private volatile SchedulerStatus status =
      new SchedulerStatus(
          "baton-000000000000",
          SchedulerRole.STOPPED,
          null,
          null,
          null,
          null,
          "sqlite",
          false,
          "wait",
          List.of());
  private volatile Throwable failure;

  void answer(SchedulerStatus status) {
    this.status = status;
    this.failure = null;
  }

  /** Makes every call throw {@code failure}, a {@link RuntimeException} or an {@link Error}. */
  void failWith(Throwable failure) {
    if (!(failure instanceof RuntimeException) && !(failure instanceof Error)) {
      throw new IllegalArgumentException(
          "an interface without throws clause cannot throw " + failure);
    }
    this.failure = failure;
  }

  @Override
  public SchedulerStatus schedulerStatus() {
    Throwable toThrow = failure;
    if (toThrow instanceof RuntimeException e) {
      throw e;
    }
    if (toThrow instanceof Error e) {
      throw e;
    }
    return status;
  }
}
