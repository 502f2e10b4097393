package dev.baton.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ProblemDocumentTest {
  @RegisterExtension final RunningServer server = new RunningServer();

  @Test
  void unknownPathIsA404ProblemDocument() {
    RunningServer.Reply reply = server.get("/v1/nothing-here");

    JsonNode body = reply.plainProblem(404, "Not Found");
    assertThat(body.get("detail").textValue()).contains("/v1/nothing-here");
  }

  @Test
  void unknownPathIsAProblemDocumentEvenForABrowser() {
    RunningServer.Reply reply =
        server.send("GET", "/index.html", HttpRequest.BodyPublishers.noBody(), "text/html");

    reply.problem(404);
    assertThat(reply.jsonBody().get("status").intValue()).isEqualTo(404);
  }

  @Test
  void wrongMethodOnAKnownPathIsA405ProblemNamingTheAllowedMethods() {
    RunningServer.Reply reply =
        server.send(
            "POST", "/v1/scheduler", HttpRequest.BodyPublishers.ofString("{}"), "application/json");

    reply.problem(405);
    assertThat(reply.header("Allow")).contains("GET");
    JsonNode body = reply.jsonBody();
    assertThat(body.get("type").textValue()).isEqualTo("about:blank");
    assertThat(body.get("title").textValue()).isEqualTo("Method Not Allowed");
    assertThat(body.get("status").intValue()).isEqualTo(405);
    assertThat(body.get("detail").textValue()).contains("POST", "/v1/scheduler");
  }

  @Test
  void unexpectedExceptionIsA500ProblemWithoutInternals() {
    server.schedulerStatus.failWith(
        new IllegalStateException("connection to db.internal:5432 refused for user baton"));

    RunningServer.Reply reply = server.get("/v1/scheduler");

    JsonNode body = reply.plainProblem(500, "Internal Server Error");
    assertThat(body.get("detail").textValue()).isEqualTo(ProblemResponses.INTERNAL_ERROR_DETAIL);
    assertThat(reply.body())
        .doesNotContain("db.internal", "IllegalStateException", "dev.baton", "\tat ");
  }

  @Test
  void errorThrownByAHandlerIsA500ProblemWithoutInternals() {
    server.schedulerStatus.failWith(new AssertionError("invariant broken in dev.baton.Secret"));

    RunningServer.Reply reply = server.get("/v1/scheduler");

    JsonNode body = reply.problem(500);
    assertThat(body.get("status").intValue()).isEqualTo(500);
    assertThat(body.get("detail").textValue()).isEqualTo(ProblemResponses.INTERNAL_ERROR_DETAIL);
    assertThat(reply.body()).doesNotContain("invariant", "AssertionError", "dev.baton");
  }

  @Test
  void requestRefusedByJettyBeforeRoutingIsAProblemDocument() {
    RunningServer.Reply reply = server.get("/" + "x".repeat(20_000));

    JsonNode body = reply.plainProblem(414, "URI Too Long");
  }

  @Test
  void problemExceptionIsAnsweredWithItsOwnStatusTypeTitleAndDetail() {
    server.schedulerStatus.failWith(
        new ProblemException(
            "https://baton.dev/problems/not-leader",
            409,
            "Not the leader",
            "baton-bbbbbbbbbbbb leads"));

    RunningServer.Reply reply = server.get("/v1/scheduler");

    JsonNode body = reply.problem(409);
    assertThat(body.get("type").textValue()).isEqualTo("https://baton.dev/problems/not-leader");
    assertThat(body.get("title").textValue()).isEqualTo("Not the leader");
    assertThat(body.get("status").intValue()).isEqualTo(409);
    assertThat(body.get("detail").textValue()).isEqualTo("baton-bbbbbbbbbbbb leads");
  }

  @Test
  void problemExceptionWithoutATypeIsAboutBlank() {
    server.schedulerStatus.failWith(new ProblemException(400, "Bad Request", "limit must be > 0"));

    RunningServer.Reply reply = server.get("/v1/scheduler");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.jsonBody().get("type").textValue()).isEqualTo("about:blank");
  }
}
