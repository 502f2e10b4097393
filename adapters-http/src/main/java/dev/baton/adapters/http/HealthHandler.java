package dev.baton.adapters.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * {@code GET /healthz}: liveness. Answering at all is the proof, so it asks nothing of the
 * scheduler or the database; a restart would not cure those.
 */
final class HealthHandler implements Handler {
  record Body(String status) {}

  private static final Body OK = new Body("ok");

  @Override
  public void handle(Context ctx) {
    ctx.json(OK);
  }
}
