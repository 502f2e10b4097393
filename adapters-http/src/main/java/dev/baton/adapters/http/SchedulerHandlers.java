package dev.baton.adapters.http;

import dev.baton.application.port.in.ClusterQuery;
import dev.baton.application.port.in.LeadershipHistoryQuery;
import dev.baton.application.port.in.SchedulerStatusQuery;
import dev.baton.application.port.in.StepDownUseCase;
import io.javalin.http.Context;
import java.util.Objects;
import java.util.Set;

/** The scheduler's endpoints, a method each: who leads, the cluster, the terms, stepping down. */
final class SchedulerHandlers {
  private final SchedulerStatusQuery status;
  private final ClusterQuery cluster;
  private final LeadershipHistoryQuery history;
  private final StepDownUseCase stepDown;
  private final RequestBodyLimit bodyLimit;

  SchedulerHandlers(
      SchedulerStatusQuery status,
      ClusterQuery cluster,
      LeadershipHistoryQuery history,
      StepDownUseCase stepDown,
      RequestBodyLimit bodyLimit) {
    this.status = Objects.requireNonNull(status, "status");
    this.cluster = Objects.requireNonNull(cluster, "cluster");
    this.history = Objects.requireNonNull(history, "history");
    this.stepDown = Objects.requireNonNull(stepDown, "stepDown");
    this.bodyLimit = Objects.requireNonNull(bodyLimit, "bodyLimit");
  }

  /** {@code GET /v1/scheduler}: who leads and what the jobs do, as this instance sees it. */
  void status(Context ctx) {
    ctx.json(SchedulerStatusResponse.from(status.schedulerStatus()));
  }

  /** {@code GET /v1/scheduler/instances}: every registered instance, the leader and the term. */
  void cluster(Context ctx) {
    ctx.json(ClusterResponse.from(cluster.cluster()));
  }

  /** {@code GET /v1/scheduler/history?limit=}: the leadership's terms, newest first. */
  void history(Context ctx) {
    int limit = QueryParameters.of(ctx, Set.of(QueryParameters.LIMIT)).limit();
    ctx.json(LeadershipHistoryResponse.from(history.recentTerms(limit)));
  }

  /**
   * {@code POST /v1/scheduler/step-down}: this instance gives the leadership up; a follower is
   * answered by {@link ProblemResponses}. A request body is read and dropped, never parsed.
   */
  void stepDown(Context ctx) {
    bodyLimit.discardBody(ctx);
    // Asked first: should the status fail, nothing has stepped down behind a 500.
    String instanceId = status.schedulerStatus().instanceId();
    try {
      stepDown.stepDown();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ProblemResponses.interrupted();
    }
    ctx.json(new SteppedDown(true, instanceId));
  }

  record SteppedDown(boolean steppedDown, String instanceId) {}
}
