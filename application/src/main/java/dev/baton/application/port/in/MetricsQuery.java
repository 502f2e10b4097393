package dev.baton.application.port.in;

/** The metrics for {@code GET /metrics}, in the exposition format the scraper asks for. */
public interface MetricsQuery {

  /**
   * The metrics in the format {@code accept} (the request's {@code Accept} header, or null) asks
   * for: OpenMetrics when it names {@code application/openmetrics-text}, else Prometheus' text
   * format.
   */
  Scrape scrape(String accept);

  /**
   * @param contentType the media type of {@code body}, e.g. {@code text/plain; version=0.0.4;
   *     charset=utf-8}
   */
  record Scrape(String contentType, String body) {}
}
