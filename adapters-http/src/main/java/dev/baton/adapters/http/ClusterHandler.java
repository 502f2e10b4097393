package dev.baton.adapters.http;

import dev.baton.application.port.in.ClusterQuery;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Objects;

/** {@code GET /v1/scheduler/instances}: every registered instance, the leader and the term. */
final class ClusterHandler implements Handler {
  private final ClusterQuery clusterQuery;

  ClusterHandler(ClusterQuery clusterQuery) {
    this.clusterQuery = Objects.requireNonNull(clusterQuery, "clusterQuery");
  }

  @Override
  public void handle(Context ctx) {
    ctx.json(ClusterResponse.from(clusterQuery.cluster()));
  }
}
