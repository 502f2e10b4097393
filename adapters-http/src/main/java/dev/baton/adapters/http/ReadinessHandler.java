package dev.baton.adapters.http;

import dev.baton.application.port.in.ReadinessQuery;
import dev.baton.application.port.in.ReadinessQuery.Readiness;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Objects;

/** {@code GET /readyz}: 200 once the instance can do its work, 503 until then or when it cannot. */
final class ReadinessHandler implements Handler {
  record Body(String status, String detail) {}

  private final ReadinessQuery readinessQuery;

  ReadinessHandler(ReadinessQuery readinessQuery) {
    this.readinessQuery = Objects.requireNonNull(readinessQuery, "readinessQuery");
  }

  @Override
  public void handle(Context ctx) {
    Readiness readiness = readinessQuery.readiness();
    if (readiness.ready()) {
      ctx.status(200).json(new Body("ready", readiness.detail()));
    } else {
      ctx.status(503).json(new Body("not ready", readiness.detail()));
    }
  }
}
