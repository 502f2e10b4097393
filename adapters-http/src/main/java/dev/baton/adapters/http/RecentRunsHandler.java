package dev.baton.adapters.http;

import dev.baton.application.port.in.JobsQuery;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Objects;
import java.util.Set;

/** {@code GET /v1/scheduler/runs?limit=}: the newest runs of every job, newest first. */
final class RecentRunsHandler implements Handler {
  private final JobsQuery jobs;

  RecentRunsHandler(JobsQuery jobs) {
    this.jobs = Objects.requireNonNull(jobs, "jobs");
  }

  @Override
  public void handle(Context ctx) {
    int limit = QueryParameters.of(ctx, Set.of(QueryParameters.LIMIT)).limit();
    ctx.json(RecentRunsResponse.from(jobs.recentRuns(limit)));
  }
}
