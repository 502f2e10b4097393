package dev.baton.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ProbeEndpointsTest {
  @RegisterExtension final RunningServer server = new RunningServer();

  @Test
  void healthzAnswersOkWhileTheInstanceIsNotReady() {
    server.readiness.answer(false, "database unreachable");

    RunningServer.Reply reply = server.get("/healthz");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.contentType()).startsWith("application/json");
    assertThat(reply.body()).isEqualTo("{\"status\":\"ok\"}");
  }

  @Test
  void readyzAnswers200WithTheDetailWhenReady() {
    server.readiness.answer(true, "leader, jobs running");

    RunningServer.Reply reply = server.get("/readyz");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.contentType()).startsWith("application/json");
    JsonNode body = reply.jsonBody();
    assertThat(body.get("status").textValue()).isEqualTo("ready");
    assertThat(body.get("detail").textValue()).isEqualTo("leader, jobs running");
  }

  @Test
  void readyzAnswers503WithTheReasonWhenNotReady() {
    server.readiness.answer(false, "migrations pending: database unreachable");

    RunningServer.Reply reply = server.get("/readyz");

    assertThat(reply.status()).isEqualTo(503);
    assertThat(reply.contentType()).startsWith("application/json");
    JsonNode body = reply.jsonBody();
    assertThat(body.get("status").textValue()).isEqualTo("not ready");
    assertThat(body.get("detail").textValue())
        .isEqualTo("migrations pending: database unreachable");
  }

  @Test
  void readinessFollowsTheQueryFromOneRequestToTheNext() {
    assertThat(server.get("/readyz").status()).isEqualTo(503);

    server.readiness.answer(true, "ready");

    assertThat(server.get("/readyz").status()).isEqualTo(200);
  }
}
