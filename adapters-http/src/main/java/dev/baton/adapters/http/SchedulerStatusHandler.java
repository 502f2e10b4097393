package dev.baton.adapters.http;

import dev.baton.application.port.in.SchedulerStatusQuery;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Objects;

/** {@code GET /v1/scheduler}: who leads and what the jobs do, as this instance sees it. */
final class SchedulerStatusHandler implements Handler {
  private final SchedulerStatusQuery statusQuery;

  SchedulerStatusHandler(SchedulerStatusQuery statusQuery) {
    this.statusQuery = Objects.requireNonNull(statusQuery, "statusQuery");
  }

  @Override
  public void handle(Context ctx) {
    ctx.json(SchedulerStatusResponse.from(statusQuery.schedulerStatus()));
  }
}
