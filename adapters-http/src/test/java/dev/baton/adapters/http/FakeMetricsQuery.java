package dev.baton.adapters.http;

import dev.baton.application.port.in.MetricsQuery;

/** A scrape and its media type as a test sets them. */
final class FakeMetricsQuery implements MetricsQuery {
  private volatile String contentType = "text/plain; version=0.0.4; charset=utf-8";
  private volatile String scrape = "";

  void answer(String contentType, String scrape) {
    this.contentType = contentType;
    this.scrape = scrape;
  }

  @Override
  public String contentType() {
    return contentType;
  }

  @Override
  public String scrape() {
    return scrape;
  }
}
