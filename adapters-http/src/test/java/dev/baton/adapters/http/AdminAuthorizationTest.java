package dev.baton.adapters.http;

import static dev.baton.adapters.http.RunningServer.ADMIN_TOKEN;
import static dev.baton.adapters.http.RunningServer.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.application.UnknownJobException;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Who may {@code POST}: only a client presenting the configured admin token. */
class AdminAuthorizationTest {
  private static final String WRONG_TOKEN = "not-the-admin-token-0123456789";

  @RegisterExtension final CapturedLogs logs = new CapturedLogs();
  @RegisterExtension final RunningServer server = new RunningServer();

  @Test
  void aPostWithoutAuthorizationIs401WithABearerChallengeAndRunsNothing() {
    RunningServer.Reply reply = post("/v1/scheduler/step-down", null);

    assertUnauthorized(reply);
    assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"baton\"");
    assertThat(reply.jsonBody().get("detail").textValue()).contains("Authorization: Bearer");
    assertThat(server.stepDown.calls()).isZero();
  }

  @Test
  void aPostWithAnotherSchemeIs401() {
    RunningServer.Reply reply = post("/v1/scheduler/step-down", "Basic YWRtaW46" + ADMIN_TOKEN);

    assertUnauthorized(reply);
    assertThat(reply.jsonBody().get("detail").textValue()).contains("Bearer");
    assertThat(server.stepDown.calls()).isZero();
  }

  @Test
  void aPostWithTheTokenButNoSchemeIs401() {
    RunningServer.Reply reply = post("/v1/scheduler/step-down", ADMIN_TOKEN);

    assertUnauthorized(reply);
    assertThat(server.stepDown.calls()).isZero();
  }

  @Test
  void aBearerHeaderWithoutATokenIs401() {
    for (String malformed :
        new String[] {"Bearer", "Bearer ", "Bearer\t", "BearerX" + ADMIN_TOKEN}) {
      RunningServer.Reply reply = post("/v1/scheduler/step-down", malformed);

      assertUnauthorized(reply);
    }
    assertThat(server.stepDown.calls()).isZero();
  }

  @Test
  void aWrongTokenIs401InvalidToken() {
    RunningServer.Reply reply = post("/v1/scheduler/step-down", "Bearer " + WRONG_TOKEN);

    assertUnauthorized(reply);
    assertThat(reply.header("WWW-Authenticate"))
        .isEqualTo("Bearer realm=\"baton\", error=\"invalid_token\"");
    assertThat(server.stepDown.calls()).isZero();
  }

  @Test
  void aTokenThatOnlyStartsOrEndsLikeTheRightOneIs401() {
    String[] nearMisses = {
      ADMIN_TOKEN.substring(0, ADMIN_TOKEN.length() - 1),
      ADMIN_TOKEN + "x",
      ADMIN_TOKEN.substring(1),
      ADMIN_TOKEN.toUpperCase(Locale.ROOT),
      ADMIN_TOKEN + " " + ADMIN_TOKEN
    };
    for (String nearMiss : nearMisses) {
      assertUnauthorized(post("/v1/scheduler/step-down", "Bearer " + nearMiss));
    }
    assertThat(server.stepDown.calls()).isZero();
  }

  @Test
  void onAKeptAliveConnectionATokenDifferingOnlyInCaseIsStill401() throws IOException {
    List<Integer> statuses = new ArrayList<>();
    try (RawHttp connection = new RawHttp(server.port())) {
      for (String token :
          List.of(
              ADMIN_TOKEN, ADMIN_TOKEN.toUpperCase(Locale.ROOT), ADMIN_TOKEN, "x" + ADMIN_TOKEN)) {
        connection.sendHead(
            "POST /v1/scheduler/step-down HTTP/1.1\r\n"
                + "Host: localhost\r\n"
                + "Authorization: Bearer "
                + token
                + "\r\n"
                + "Content-Length: 0");
        statuses.add(connection.readResponse().status());
      }
    }

    assertThat(statuses).containsExactly(200, 401, 200, 401);
    assertThat(server.stepDown.calls()).isEqualTo(2);
  }

  @Test
  void theRightTokenReachesTheHandler() {
    RunningServer.Reply reply = post("/v1/scheduler/step-down", "Bearer " + ADMIN_TOKEN);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(server.stepDown.calls()).isEqualTo(1);
  }

  @Test
  void theSchemeNameIsCaseInsensitiveAsHttpAuthenticationAsks() {
    RunningServer.Reply reply = post("/v1/scheduler/step-down", "bearer " + ADMIN_TOKEN);

    assertThat(reply.status()).isEqualTo(200);
  }

  @Test
  void everyPostRouteIsGuarded() {
    server.runJob.answer(
        jobName -> {
          throw new UnknownJobException(jobName);
        });

    assertUnauthorized(post("/v1/jobs/probe/run", "Bearer " + WRONG_TOKEN));
    assertThat(server.runJob.asked()).isEmpty();
    assertThat(post("/v1/jobs/probe/run", "Bearer " + ADMIN_TOKEN).status()).isEqualTo(404);
    assertThat(server.runJob.asked()).containsExactly("probe");
    for (String action : new String[] {"pause", "resume"}) {
      assertUnauthorized(post("/v1/jobs/probe/" + action, "Bearer " + WRONG_TOKEN));
    }
    assertThat(server.pauseJob.calls()).isEmpty();
  }

  @Test
  void getsNeedNoToken() {
    for (String path :
        new String[] {
          "/healthz", "/v1/scheduler", "/v1/scheduler/instances", "/v1/jobs", "/metrics"
        }) {
      assertThat(server.get(path).status()).as(path).isEqualTo(200);
    }
  }

  @Test
  void anUnknownPostRouteIs404EvenWithoutAToken() {
    RunningServer.Reply reply = post("/v1/nothing-here", null);

    reply.problem(404);
    assertThat(reply.header("WWW-Authenticate")).isNull();
  }

  @Test
  void aPostToAReadOnlyRouteIs405EvenWithoutAToken() {
    RunningServer.Reply reply = post("/v1/jobs", null);

    reply.problem(405);
    assertThat(reply.header("Allow")).contains("GET");
  }

  @Test
  void neitherTheRightNorAWrongTokenIsEchoedInAnyResponseOrLogLine() {
    server.stepDown.follow("baton-bbbbbbbbbbbb");
    server.runJob.answer(
        jobName -> {
          throw new IllegalStateException("run could not start");
        });

    RunningServer.Reply[] replies = {
      post("/v1/scheduler/step-down", "Bearer " + WRONG_TOKEN),
      post("/v1/scheduler/step-down", "Basic " + WRONG_TOKEN),
      post("/v1/scheduler/step-down", "Bearer " + ADMIN_TOKEN),
      post("/v1/jobs/probe/run", "Bearer " + ADMIN_TOKEN),
      post("/v1/nothing-here", "Bearer " + ADMIN_TOKEN),
      post("/v1/jobs", "Bearer " + WRONG_TOKEN)
    };

    for (RunningServer.Reply reply : replies) {
      assertThat(reply.body()).doesNotContain(ADMIN_TOKEN, WRONG_TOKEN);
      assertThat(reply.headers()).doesNotContain(ADMIN_TOKEN, WRONG_TOKEN);
    }
    assertThat(logs.lines()).isNotEmpty();
    for (String line : logs.lines()) {
      assertThat(line).doesNotContain(ADMIN_TOKEN, WRONG_TOKEN);
    }
  }

  private RunningServer.Reply post(String path, String authorization) {
    HttpRequest.Builder request = server.request(path).POST(HttpRequest.BodyPublishers.noBody());
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return server.send(request);
  }

  private static void assertUnauthorized(RunningServer.Reply reply) {
    reply.problem(401);
    assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
    JsonNode body = reply.jsonBody();
    assertThat(fieldNames(body)).containsExactlyInAnyOrder("type", "title", "status", "detail");
    assertThat(body.get("type").textValue()).isEqualTo("about:blank");
    assertThat(body.get("title").textValue()).isEqualTo("Unauthorized");
    assertThat(body.get("status").intValue()).isEqualTo(401);
  }

  @Nested
  class WithoutAConfiguredToken {
    @RegisterExtension final RunningServer unconfigured = RunningServer.withoutAdminToken();

    @Test
    void everyPostIsRefusedWith403SayingHowToConfigureAToken() {
      for (String path : new String[] {"/v1/scheduler/step-down", "/v1/jobs/probe/run"}) {
        for (String authorization : new String[] {null, "Bearer " + ADMIN_TOKEN, "Bearer "}) {
          RunningServer.Reply reply = send(path, authorization);

          assertThat(reply.status()).as(path).isEqualTo(403);
          assertThat(reply.contentType()).startsWith("application/problem+json");
          assertThat(reply.header("WWW-Authenticate")).isNull();
          JsonNode body = reply.jsonBody();
          assertThat(fieldNames(body))
              .containsExactlyInAnyOrder("type", "title", "status", "detail");
          assertThat(body.get("type").textValue())
              .isEqualTo("https://baton.dev/problems/admin-token-not-configured");
          assertThat(body.get("status").intValue()).isEqualTo(403);
          assertThat(body.get("detail").textValue()).contains("BATON_ADMIN_TOKEN");
        }
      }
      assertThat(unconfigured.stepDown.calls()).isZero();
      assertThat(unconfigured.runJob.asked()).isEmpty();
    }

    @Test
    void getsStillAnswer() {
      assertThat(unconfigured.get("/v1/jobs").status()).isEqualTo(200);
      assertThat(unconfigured.get("/v1/scheduler/instances").status()).isEqualTo(200);
    }

    private RunningServer.Reply send(String path, String authorization) {
      HttpRequest.Builder request =
          unconfigured.request(path).POST(HttpRequest.BodyPublishers.noBody());
      if (authorization != null) {
        request.header("Authorization", authorization);
      }
      return unconfigured.send(request);
    }
  }
}
