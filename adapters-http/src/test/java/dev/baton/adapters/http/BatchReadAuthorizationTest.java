package dev.baton.adapters.http;

import static dev.baton.adapters.http.RunningServer.ADMIN_TOKEN;
import static dev.baton.adapters.http.RunningServer.READ_TOKEN;
import static dev.baton.adapters.http.RunningServer.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.domain.BatchStatus;
import dev.baton.domain.LlmBatchJob;
import dev.baton.domain.LlmProvider;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Who may read stored batch data: the read or the admin token, or anyone when no token is
 * configured at all (which only a loopback bind allows); the read token never changes anything.
 */
class BatchReadAuthorizationTest {
  /** Every batch read the API has, each answering 200 to a client allowed to read. */
  private static final List<String> BATCH_READS =
      List.of("/v1/batches", "/v1/batches?status=running", "/v1/batches/7", "/v1/batches/7/items");

  /** Views that stay open whatever tokens are configured. */
  private static final List<String> OPEN_VIEWS =
      List.of(
          "/healthz",
          "/readyz",
          "/metrics",
          "/v1/scheduler",
          "/v1/scheduler/instances",
          "/v1/jobs");

  private static final String WRONG_TOKEN = "not-a-token-of-this-instance-42";

  private static final LlmBatchJob BATCH =
      new LlmBatchJob(
          7,
          LlmProvider.OPENAI,
          "batch_abc",
          BatchStatus.RUNNING,
          Instant.parse("2026-11-27T00:40:00Z"),
          null,
          null,
          null,
          null);

  @RegisterExtension final CapturedLogs logs = new CapturedLogs();
  @RegisterExtension final RunningServer server = RunningServer.withReadToken();

  @BeforeEach
  void oneStoredBatch() {
    server.batches.add(BATCH, List.of());
  }

  @Test
  void everyBatchReadWithoutATokenIs401WithABearerChallengeAndReadsNothing() {
    for (String path : BATCH_READS) {
      RunningServer.Reply reply = get(server, path, null);

      assertUnauthorized(reply, path);
      assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"baton\"");
      assertThat(reply.jsonBody().get("detail").textValue())
          .contains("Authorization: Bearer", "read or the admin token");
    }
    assertThat(server.batches.pageCalls()).isEmpty();
  }

  @Test
  void everyBatchReadWithAWrongTokenIs401InvalidToken() {
    for (String authorization :
        List.of(
            "Bearer " + WRONG_TOKEN,
            "Bearer " + READ_TOKEN + "x",
            "Bearer " + READ_TOKEN.toUpperCase(java.util.Locale.ROOT),
            "Basic " + READ_TOKEN)) {
      for (String path : BATCH_READS) {
        RunningServer.Reply reply = get(server, path, authorization);

        assertUnauthorized(reply, path + " with " + authorization);
      }
    }
    assertThat(server.batches.pageCalls()).isEmpty();
  }

  @Test
  void everyBatchReadAnswersTheReadTokenAndTheAdminToken() {
    for (String token : List.of(READ_TOKEN, ADMIN_TOKEN)) {
      for (String path : BATCH_READS) {
        RunningServer.Reply reply = get(server, path, "Bearer " + token);

        assertThat(reply.status()).as(path).isEqualTo(200);
      }
    }
    assertThat(
            get(server, "/v1/batches/7", "bearer " + READ_TOKEN).jsonBody().get("id").longValue())
        .isEqualTo(7);
  }

  @Test
  void aHeadRequestIsAReadAndNeedsAToken() {
    RunningServer.Reply without =
        server.send(
            server.request("/v1/batches/7").method("HEAD", HttpRequest.BodyPublishers.noBody()));
    RunningServer.Reply with =
        server.send(
            server
                .request("/v1/batches/7")
                .header("Authorization", "Bearer " + READ_TOKEN)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));

    assertThat(without.status()).isEqualTo(401);
    assertThat(with.status()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/v1/batches/",
        "/v1/batches/7/",
        "/v1/batches/%37",
        "/v1/batches/7/%69tems",
        "/v1/%62atches/7",
        "/v1/batches/7/items?limit=1"
      })
  void noSpellingOfABatchPathReachesItWithoutAToken(String path) {
    RunningServer.Reply reply = get(server, path, null);

    assertThat(reply.status()).as(path + ": " + reply.body()).isIn(400, 401, 404);
    assertThat(reply.body()).doesNotContain("batch_abc");
  }

  @Test
  void theReadTokenNeverAllowsAPost() {
    for (String path :
        List.of("/v1/batches", "/v1/scheduler/step-down", "/v1/jobs/probe/run", "/v1/batches/7")) {
      RunningServer.Reply reply =
          server.send(
              server
                  .request(path)
                  .header("Authorization", "Bearer " + READ_TOKEN)
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"provider\": \"openai\", \"providerBatchId\": \"batch_x\","
                              + " \"items\": [{\"customId\": \"a\"}]}")));

      if (path.equals("/v1/batches/7")) {
        assertThat(reply.status()).as("a path without POST").isEqualTo(405);
        continue;
      }
      assertThat(reply.status()).as(path).isEqualTo(403);
      assertThat(reply.contentType()).startsWith("application/problem+json");
      assertThat(reply.header("WWW-Authenticate")).isNull();
      assertThat(reply.jsonBody().get("detail").textValue())
          .isEqualTo(BearerTokenCheck.READ_TOKEN_WRITES_DETAIL);
    }
    assertThat(server.batches.trackCalls()).isEmpty();
    assertThat(server.stepDown.calls()).isZero();
    assertThat(server.runJob.asked()).isEmpty();
  }

  @Test
  void theOpenViewsNeedNoToken() {
    server.readiness.answer(true, "leading");
    for (String path : OPEN_VIEWS) {
      RunningServer.Reply reply = get(server, path, null);

      assertThat(reply.status()).as(path + ": " + reply.body()).isEqualTo(200);
    }
  }

  @Test
  void noTokenIsEchoedInAnyAnswerOrLogLine() {
    List<RunningServer.Reply> replies =
        List.of(
            get(server, "/v1/batches/7", "Bearer " + WRONG_TOKEN),
            get(server, "/v1/batches/7", "Bearer " + READ_TOKEN),
            get(server, "/v1/batches", "Bearer " + ADMIN_TOKEN),
            server.send(
                server
                    .request("/v1/scheduler/step-down")
                    .header("Authorization", "Bearer " + READ_TOKEN)
                    .POST(HttpRequest.BodyPublishers.noBody())));

    for (RunningServer.Reply reply : replies) {
      assertThat(reply.body() + reply.headers())
          .doesNotContain(READ_TOKEN, ADMIN_TOKEN, WRONG_TOKEN);
    }
    for (String line : logs.lines()) {
      assertThat(line).doesNotContain(READ_TOKEN, ADMIN_TOKEN, WRONG_TOKEN);
    }
  }

  @Test
  void theRuleCoversTheBatchAndDeliveryRoutesAndNothingElse() {
    assertThat(BearerTokenCheck.isProtectedRead("/v1/batches")).isTrue();
    assertThat(BearerTokenCheck.isProtectedRead("/v1/batches/{batchId}/items")).isTrue();
    assertThat(BearerTokenCheck.isProtectedRead("/v1/batches/{batchId}/deliveries")).isTrue();
    assertThat(BearerTokenCheck.isProtectedRead("/v1/deliveries/{id}")).isTrue();
    assertThat(BearerTokenCheck.isProtectedRead("/v1/batchesque")).isFalse();
    assertThat(BearerTokenCheck.isProtectedRead("/v1/scheduler/history")).isFalse();
    assertThat(BearerTokenCheck.isProtectedRead("/")).isFalse();
  }

  @Nested
  class WithoutAnyToken {
    @RegisterExtension final RunningServer open = RunningServer.withoutAdminToken();

    @Test
    void batchReadsAreOpenOnTheLoopbackBind() {
      open.batches.add(BATCH, List.of());

      for (String path : BATCH_READS) {
        assertThat(get(open, path, null).status()).as(path).isEqualTo(200);
      }
    }

    @Test
    void aServerOnAnotherAddressCannotBeMade() {
      for (String host : List.of("0.0.0.0", "::", "192.0.2.10", "baton.internal")) {
        assertThatThrownBy(
                () ->
                    new BatonHttpServer(
                        new HttpServerSettings(host, 0), open.api(), ApiTokens.none()))
            .as(host)
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("read or admin token");
      }
    }

    @Test
    void withEitherTokenAnyAddressIsAllowed() {
      BearerToken token = BearerToken.of(READ_TOKEN);
      for (ApiTokens tokens :
          List.of(
              new ApiTokens(Optional.of(token), Optional.empty()),
              new ApiTokens(Optional.empty(), Optional.of(token)))) {
        new BatonHttpServer(new HttpServerSettings("0.0.0.0", 0), open.api(), tokens).stop();
      }
    }
  }

  @Nested
  class WithOnlyTheAdminToken {
    @RegisterExtension final RunningServer adminOnly = new RunningServer();

    @Test
    void batchReadsNeedTheAdminToken() {
      adminOnly.batches.add(BATCH, List.of());

      for (String path : BATCH_READS) {
        assertUnauthorized(get(adminOnly, path, null), path);
        assertUnauthorized(get(adminOnly, path, "Bearer " + READ_TOKEN), path);
        assertThat(get(adminOnly, path, "Bearer " + ADMIN_TOKEN).status()).isEqualTo(200);
      }
    }
  }

  @Nested
  class WithOnlyTheReadToken {
    @RegisterExtension final RunningServer readOnly = RunningServer.withOnlyReadToken();

    @Test
    void readsTakeTheReadTokenAndEveryPostIsRefusedForWantOfAnAdminToken() {
      readOnly.batches.add(BATCH, List.of());

      assertThat(get(readOnly, "/v1/batches/7", "Bearer " + READ_TOKEN).status()).isEqualTo(200);
      assertUnauthorized(get(readOnly, "/v1/batches/7", null), "/v1/batches/7");
      RunningServer.Reply post =
          readOnly.send(
              readOnly
                  .request("/v1/scheduler/step-down")
                  .header("Authorization", "Bearer " + READ_TOKEN)
                  .POST(HttpRequest.BodyPublishers.noBody()));
      assertThat(post.status()).isEqualTo(403);
      assertThat(post.jsonBody().get("type").textValue())
          .isEqualTo(BearerTokenCheck.NOT_CONFIGURED_TYPE);
    }
  }

  private static RunningServer.Reply get(RunningServer on, String path, String authorization) {
    HttpRequest.Builder request = on.request(path).header("Accept", "application/json").GET();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return on.send(request);
  }

  private static void assertUnauthorized(RunningServer.Reply reply, String what) {
    assertThat(reply.status()).as(what).isEqualTo(401);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    assertThat(reply.header("WWW-Authenticate")).as(what).startsWith("Bearer realm=\"baton\"");
    JsonNode body = reply.jsonBody();
    assertThat(fieldNames(body)).containsExactlyInAnyOrder("type", "title", "status", "detail");
    assertThat(body.get("status").intValue()).isEqualTo(401);
    assertThat(reply.body()).doesNotContain("batch_abc");
  }
}
