package dev.baton.adapters.http;

import dev.baton.application.port.in.LeadershipHistoryQuery;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Objects;
import java.util.Set;

/** {@code GET /v1/scheduler/history?limit=}: the leadership's terms, newest first. */
final class LeadershipHistoryHandler implements Handler {
  private final LeadershipHistoryQuery history;

  LeadershipHistoryHandler(LeadershipHistoryQuery history) {
    this.history = Objects.requireNonNull(history, "history");
  }

  @Override
  public void handle(Context ctx) {
    int limit = QueryParameters.of(ctx, Set.of(QueryParameters.LIMIT)).limit();
    ctx.json(LeadershipHistoryResponse.from(history.recentTerms(limit)));
  }
}
