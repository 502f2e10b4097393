package dev.baton.adapters.http;

import dev.baton.application.port.in.SchedulerStatusQuery;
import dev.baton.application.port.in.StepDownUseCase;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Objects;

/**
 * {@code POST /v1/scheduler/step-down}: this instance gives the leadership up; a follower is
 * answered by {@link ProblemResponses}. A request body is read and dropped, never parsed.
 */
final class StepDownHandler implements Handler {
  record Body(boolean steppedDown, String instanceId) {}

  private final StepDownUseCase stepDown;
  private final SchedulerStatusQuery statusQuery;
  private final RequestBodyLimit bodyLimit;

  StepDownHandler(
      StepDownUseCase stepDown, SchedulerStatusQuery statusQuery, RequestBodyLimit bodyLimit) {
    this.stepDown = Objects.requireNonNull(stepDown, "stepDown");
    this.statusQuery = Objects.requireNonNull(statusQuery, "statusQuery");
    this.bodyLimit = Objects.requireNonNull(bodyLimit, "bodyLimit");
  }

  @Override
  public void handle(Context ctx) {
    bodyLimit.discardBody(ctx);
    // Asked first: should the status fail, nothing has stepped down behind a 500.
    String instanceId = statusQuery.schedulerStatus().instanceId();
    try {
      stepDown.stepDown();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ProblemResponses.interrupted();
    }
    ctx.json(new Body(true, instanceId));
  }
}
