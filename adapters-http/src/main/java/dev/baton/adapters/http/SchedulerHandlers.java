package dev.baton.adapters.http;

import io.javalin.http.Context;
import java.util.Set;

/** The scheduler's endpoints, a method each: who leads, the cluster, the terms, stepping down. */
final class SchedulerHandlers {
  private final HttpApi api;
  private final RequestBodyLimit bodyLimit;

  SchedulerHandlers(HttpApi api, RequestBodyLimit bodyLimit) {
    this.api = api;
    this.bodyLimit = bodyLimit;
  }

  /** {@code GET /v1/scheduler}: who leads and what the jobs do, as this instance sees it. */
  void status(Context ctx) {
    ctx.json(SchedulerStatusResponse.from(api.schedulerStatus().schedulerStatus()));
  }

  /** {@code GET /v1/scheduler/instances}: every registered instance, the leader and the term. */
  void cluster(Context ctx) {
    ctx.json(ClusterResponse.from(api.cluster().cluster()));
  }

  /** {@code GET /v1/scheduler/history?limit=}: the leadership's terms, newest first. */
  void history(Context ctx) {
    int limit = QueryParameters.of(ctx, Set.of(QueryParameters.LIMIT)).limit();
    ctx.json(LeadershipHistoryResponse.from(api.history().recentTerms(limit)));
  }

  /**
   * {@code POST /v1/scheduler/step-down}: this instance gives the leadership up; a follower is
   * answered by {@link ProblemResponses}. A request body is read and dropped, never parsed.
   */
  void stepDown(Context ctx) {
    bodyLimit.discardBody(ctx);
    // Asked first: should the status fail, nothing has stepped down behind a 500.
    String instanceId = api.schedulerStatus().schedulerStatus().instanceId();
    try {
      api.stepDown().stepDown();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ProblemResponses.interrupted();
    }
    ctx.json(new SteppedDown(true, instanceId));
  }

  record SteppedDown(boolean steppedDown, String instanceId) {}
}
