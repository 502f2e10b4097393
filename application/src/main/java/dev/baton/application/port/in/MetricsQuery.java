package dev.baton.application.port.in;

/** The metrics in Prometheus' text format ({@code GET /metrics}). */
public interface MetricsQuery {

  /** The media type of {@link #scrape()}, e.g. {@code text/plain; version=0.0.4; charset=utf-8}. */
  String contentType();

  String scrape();
}
