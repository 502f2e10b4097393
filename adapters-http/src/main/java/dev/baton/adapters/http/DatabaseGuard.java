package dev.baton.adapters.http;

import dev.baton.application.port.in.ReadinessQuery;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Objects;
import java.util.Optional;

/**
 * Puts the endpoints that read or write the database behind a check of what this instance already
 * knows: while it cannot ask the database (not migrated yet, unreachable), they answer 503 at once
 * instead of waiting out the connection timeout for a 500. {@code /readyz} says why.
 */
final class DatabaseGuard {
  static final String TYPE = "https://baton.dev/problems/database-unavailable";
  static final String TITLE = "Database unavailable";
  static final String DETAIL =
      "This instance cannot reach its database right now; GET /readyz says why. Retry later.";

  private final ReadinessQuery readiness;

  DatabaseGuard(ReadinessQuery readiness) {
    this.readiness = Objects.requireNonNull(readiness, "readiness");
  }

  /** {@code handler}, answered with 503 while the database cannot be asked. */
  Handler around(Handler handler) {
    Objects.requireNonNull(handler, "handler");
    return (Context ctx) -> {
      Optional<String> problem = readiness.databaseProblem();
      if (problem.isPresent()) {
        throw new ProblemException(TYPE, 503, TITLE, DETAIL);
      }
      handler.handle(ctx);
    };
  }
}
