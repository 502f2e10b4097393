package dev.baton.adapters.http;

import dev.baton.application.port.in.JobsQuery;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Objects;

/** {@code GET /v1/jobs}: each registered job with its recent runs under any leader. */
final class JobsHandler implements Handler {
  private final JobsQuery jobsQuery;

  JobsHandler(JobsQuery jobsQuery) {
    this.jobsQuery = Objects.requireNonNull(jobsQuery, "jobsQuery");
  }

  @Override
  public void handle(Context ctx) {
    ctx.json(JobsResponse.from(jobsQuery.jobs()));
  }
}
