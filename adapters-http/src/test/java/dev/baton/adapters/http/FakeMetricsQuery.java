package dev.baton.adapters.http;

import dev.baton.application.port.in.MetricsQuery;

/**
 * A scrape and its media type as a test sets them; remembers the Accept header it was asked with.
 */
final class FakeMetricsQuery implements MetricsQuery {
  private volatile Scrape scrape = new Scrape("text/plain; version=0.0.4; charset=utf-8", "");
  private volatile String lastAccept;

  void answer(String contentType, String body) {
    this.scrape = new Scrape(contentType, body);
  }

  String lastAccept() {
    return lastAccept;
  }

  @Override
  public Scrape scrape(String accept) {
    lastAccept = accept;
    return scrape;
  }
}
