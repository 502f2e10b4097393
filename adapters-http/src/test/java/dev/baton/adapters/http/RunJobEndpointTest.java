package dev.baton.adapters.http;

import static dev.baton.adapters.http.RunningServer.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.application.UnknownJobException;
import dev.baton.domain.JobRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RunJobEndpointTest {
  @RegisterExtension final RunningServer server = new RunningServer();

  @Test
  void onTheLeaderItRunsTheNamedJobAndAnswersWithTheFinishedRun() {
    JobRun finished =
        JobRuns.succeeded(44, "probe", "2026-11-27T00:42:00.000Z", "2026-11-27T00:42:00.020Z");
    server.runJob.answer(jobName -> finished);

    RunningServer.Reply reply = server.post("/v1/jobs/probe/run");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.contentType()).startsWith("application/json");
    assertThat(server.runJob.asked()).containsExactly("probe");
    assertThat(reply.jsonBody())
        .isEqualTo(
            server.json(
                """
                {"id": 44, "instanceId": "baton-aaaaaaaaaaaa", "term": 7,
                 "scheduledAt": "2026-11-27T00:42:00.000Z", "startedAt": "2026-11-27T00:42:00.000Z",
                 "finishedAt": "2026-11-27T00:42:00.020Z", "outcome": "succeeded", "error": null}"""));
  }

  @Test
  void aRunThatFailedIsStill200WithTheFailureInTheRun() {
    server.runJob.answer(jobName -> JobRuns.failed(45, jobName, "provider said 529"));

    RunningServer.Reply reply = server.post("/v1/jobs/poll_llm_batches/run");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.jsonBody().get("outcome").textValue()).isEqualTo("failed");
    assertThat(reply.jsonBody().get("error").textValue()).isEqualTo("provider said 529");
  }

  @Test
  void anUnknownJobIsA404Problem() {
    server.runJob.answer(
        jobName -> {
          throw new UnknownJobException(jobName);
        });

    RunningServer.Reply reply = server.post("/v1/jobs/no_such_job/run");

    JsonNode body = reply.plainProblem(404, "Not Found");
    assertThat(body.get("detail").textValue()).contains("no_such_job");
  }

  @Test
  void theJobNameIsDecodedFromThePath() {
    server.runJob.answer(jobName -> JobRuns.failed(46, jobName, null));

    server.post("/v1/jobs/nightly%20report/run");

    assertThat(server.runJob.asked()).containsExactly("nightly report");
  }

  @Test
  void onAFollowerTheRequestIsStoredForTheLeaderAndItIs202NamingIt() {
    server.runJob.answer(jobName -> null);

    RunningServer.Reply reply = server.post("/v1/jobs/probe/run");

    assertThat(reply.status()).isEqualTo(202);
    assertThat(reply.contentType()).startsWith("application/json");
    JsonNode body = reply.jsonBody();
    assertThat(fieldNames(body)).containsExactlyInAnyOrder("status", "job", "leaderInstanceId");
    assertThat(body.get("status").textValue()).isEqualTo("requested");
    assertThat(body.get("job").textValue()).isEqualTo("probe");
    assertThat(body.get("leaderInstanceId").textValue())
        .isEqualTo(FakeRunJobUseCase.FOLLOWED_LEADER);
    assertThat(server.runJob.asked()).containsExactly("probe");
  }

  @Test
  void aRunThatCouldNotStartIsA503ProblemWithoutInternals() {
    server.runJob.answer(
        jobName -> {
          throw new IllegalStateException(
              "insert into baton_job_run failed: db.internal:5432 refused");
        });

    RunningServer.Reply reply = server.post("/v1/jobs/probe/run");

    JsonNode body = reply.problem(503);
    assertThat(fieldNames(body)).containsExactlyInAnyOrder("type", "title", "status", "detail");
    assertThat(body.get("title").textValue()).isEqualTo("Service Unavailable");
    assertThat(body.get("status").intValue()).isEqualTo(503);
    assertThat(body.get("detail").textValue()).contains("probe", "could not start");
    assertThat(reply.body()).doesNotContain("db.internal", "job_run", "IllegalStateException");
  }

  @Test
  void aWaitCutShortByShutdownIsA503Problem() {
    server.runJob.answer(
        jobName -> {
          throw new InterruptedException("stopping");
        });

    RunningServer.Reply reply = server.post("/v1/jobs/probe/run");

    reply.problem(503);
    assertThat(reply.jsonBody().get("detail").textValue()).contains("shutting down");
  }

  @Test
  void getOnTheRunRouteIsA405ProblemAndRunsNothing() {
    RunningServer.Reply reply = server.get("/v1/jobs/probe/run");

    reply.problem(405);
    assertThat(reply.header("Allow")).contains("POST");
    assertThat(server.runJob.asked()).isEmpty();
  }
}
