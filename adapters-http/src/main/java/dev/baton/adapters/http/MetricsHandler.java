package dev.baton.adapters.http;

import dev.baton.application.port.in.MetricsQuery;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.Header;
import java.util.Objects;

/**
 * {@code GET /metrics}: the scrape as the registry writes it, in the format the {@code Accept}
 * header asks for (OpenMetrics or Prometheus' text format), under that format's media type.
 */
final class MetricsHandler implements Handler {
  private final MetricsQuery metricsQuery;

  MetricsHandler(MetricsQuery metricsQuery) {
    this.metricsQuery = Objects.requireNonNull(metricsQuery, "metricsQuery");
  }

  @Override
  public void handle(Context ctx) {
    MetricsQuery.Scrape scrape = metricsQuery.scrape(ctx.header(Header.ACCEPT));
    // The media type first: Javalin encodes the text in the charset it names.
    ctx.contentType(scrape.contentType()).result(scrape.body());
  }
}
