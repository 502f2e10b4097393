package dev.baton.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MetricsEndpointTest {
  @RegisterExtension final RunningServer server = new RunningServer();

  private static final String SCRAPE =
      "# HELP baton_leader 1 while this instance leads\n"
          + "# TYPE baton_leader gauge\n"
          + "baton_leader 1.0\n"
          + "baton_job_runs_total{job=\"r\u00e9sum\u00e9\",outcome=\"succeeded\"} 3.0\n";

  @Test
  void theScrapeIsPassedThroughUnderItsOwnContentType() {
    server.metrics.answer("text/plain; version=0.0.4; charset=utf-8", SCRAPE);

    RunningServer.Reply reply = server.get("/metrics");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.contentType())
        .isEqualToIgnoringCase("text/plain; version=0.0.4; charset=utf-8");
    assertThat(reply.body()).isEqualTo(SCRAPE);
    assertThat(reply.response().headers().firstValueAsLong("Content-Length"))
        .hasValue(SCRAPE.getBytes(StandardCharsets.UTF_8).length);
  }

  @Test
  void anOpenMetricsContentTypeIsKeptAsTheQueryGivesIt() {
    String openMetrics = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    server.metrics.answer(openMetrics, "baton_leader 0\n# EOF\n");

    RunningServer.Reply reply =
        server.send(
            server
                .request("/metrics")
                .header("Accept", "application/openmetrics-text; version=1.0.0")
                .GET());

    assertThat(server.metrics.lastAccept())
        .as("the Accept header reaches the query, which picks the format")
        .isEqualTo("application/openmetrics-text; version=1.0.0");
    assertThat(reply.contentType()).isEqualToIgnoringCase(openMetrics);
    assertThat(reply.body()).isEqualTo("baton_leader 0\n# EOF\n");
  }
}
