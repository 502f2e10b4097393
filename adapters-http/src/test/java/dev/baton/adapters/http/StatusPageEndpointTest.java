package dev.baton.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StatusPageEndpointTest {
  @RegisterExtension final RunningServer server = new RunningServer();

  @Test
  void servesOneSelfContainedHtmlPageWithoutAToken() {
    RunningServer.Reply reply = server.send(server.request("/").GET());

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.contentType().replace(" ", "")).isEqualTo("text/html;charset=utf-8");
    assertThat(reply.body()).startsWith("<!doctype html>").contains("<h1>Baton</h1>");
    assertThat(reply.body())
        .as("style and script inlined, nothing else loaded")
        .doesNotContain("/*STYLE*/", "/*SCRIPT*/", "src=", "href=\"http", "@import")
        .contains("function refresh", "--accent");
    assertThat(reply.header("Content-Security-Policy"))
        .contains("default-src 'none'", "connect-src 'self'", "script-src 'sha256-");
    assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
  }

  @Test
  void theScriptReadsOnlyThisInstancesApi() {
    String page = server.send(server.request("/").GET()).body();

    assertThat(page)
        .contains(
            "\"/v1/scheduler\"",
            "\"/v1/scheduler/instances\"",
            "\"/v1/scheduler/history?limit=100\"",
            "\"/v1/scheduler/runs?limit=1000\"",
            "\"/v1/jobs\"")
        .doesNotContain("https://", "innerHTML");
  }
}
