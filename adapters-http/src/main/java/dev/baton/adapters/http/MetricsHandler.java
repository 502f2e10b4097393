package dev.baton.adapters.http;

import dev.baton.application.port.in.MetricsQuery;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Objects;

/** {@code GET /metrics}: the scrape as the registry writes it, under the registry's media type. */
final class MetricsHandler implements Handler {
  private final MetricsQuery metricsQuery;

  MetricsHandler(MetricsQuery metricsQuery) {
    this.metricsQuery = Objects.requireNonNull(metricsQuery, "metricsQuery");
  }

  @Override
  public void handle(Context ctx) {
    String scrape = metricsQuery.scrape();
    // The media type first: Javalin encodes the text in the charset it names.
    ctx.contentType(metricsQuery.contentType()).result(scrape);
  }
}
