package dev.baton.adapters.http;

import dev.baton.application.NotLeaderException;
import dev.baton.application.port.in.StepDownUseCase;
import java.util.concurrent.atomic.AtomicInteger;

/** Steps down until a test makes it a follower, and counts the calls. */
final class FakeStepDownUseCase implements StepDownUseCase {
  private final AtomicInteger calls = new AtomicInteger();
  private volatile boolean follower;
  private volatile String leaderInstanceId;

  /** From now on this instance does not lead; {@code leaderInstanceId} may be null. */
  void follow(String leaderInstanceId) {
    this.leaderInstanceId = leaderInstanceId;
    this.follower = true;
  }

  int calls() {
    return calls.get();
  }

  @Override
  public void stepDown() {
    calls.incrementAndGet();
    if (follower) {
      throw new NotLeaderException("this instance does not lead", leaderInstanceId);
    }
  }
}
