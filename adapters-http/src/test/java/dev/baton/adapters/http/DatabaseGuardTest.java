package dev.baton.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** While the database cannot be asked, the views that need it answer 503 at once. */
class DatabaseGuardTest {
  @RegisterExtension final RunningServer server = RunningServer.withReadToken();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/v1/jobs",
        "/v1/scheduler/instances",
        "/v1/batches",
        "/v1/batches/7",
        "/v1/batches/7/items"
      })
  void aDatabaseViewAnswers503WithAProblemDocument(String path) {
    server.readiness.databaseProblem("database unreachable: Connection refused (SQLSTATE 08001)");

    RunningServer.Reply reply = server.read(path);

    reply.problem(503);
    assertThat(reply.jsonBody().get("type").asText()).isEqualTo(DatabaseGuard.TYPE);
    assertThat(reply.jsonBody().get("detail").asText())
        .isEqualTo(DatabaseGuard.DETAIL)
        .doesNotContain("SQLSTATE", "refused");
  }

  @Test
  void writesThatNeedTheDatabaseAnswer503AfterTheTokenCheck() {
    server.readiness.databaseProblem("database not migrated yet");

    assertThat(server.postJson("/v1/batches", "{}").status()).isEqualTo(503);
    assertThat(server.post("/v1/jobs/probe/run").status()).isEqualTo(503);
    assertThat(
            server
                .send(
                    server
                        .request("/v1/batches")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")))
                .status())
        .as("no token: the token check comes first")
        .isEqualTo(401);
  }

  @Test
  void theSchedulerViewHealthAndReadinessStillAnswer() {
    server.readiness.databaseProblem("database unreachable: Connection refused");
    server.readiness.answer(false, "database unreachable: Connection refused");

    assertThat(server.get("/v1/scheduler").status()).isEqualTo(200);
    assertThat(server.get("/healthz").status()).isEqualTo(200);
    assertThat(server.get("/readyz").status()).isEqualTo(503);
  }

  @Test
  void onceTheDatabaseIsBackTheViewsAnswerAgain() {
    server.readiness.databaseProblem("database unreachable: Connection refused");
    assertThat(server.get("/v1/jobs").status()).isEqualTo(503);

    server.readiness.databaseProblem(null);

    assertThat(server.get("/v1/jobs").status()).isEqualTo(200);
  }
}
