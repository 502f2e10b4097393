package dev.baton.adapters.http;

import static dev.baton.adapters.http.RunningServer.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.domain.JobRun;
import dev.baton.domain.JobRunOutcome;
import dev.baton.domain.LeadershipTerm;
import dev.baton.domain.TermEndReason;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LeadershipHistoryEndpointTest {
  @RegisterExtension final RunningServer server = new RunningServer();

  private static final Instant T0 = Instant.parse("2026-11-27T00:40:00Z");

  @Test
  void listsTheTermsNewestFirstWithEveryField() {
    server.history.answer(
        List.of(
            new LeadershipTerm(8, "baton-bbbbbbbbbbbb", T0.plusSeconds(60), null, null),
            new LeadershipTerm(
                7, "baton-aaaaaaaaaaaa", T0, T0.plusMillis(59_500), TermEndReason.STEPPED_DOWN),
            new LeadershipTerm(
                6, "baton-aaaaaaaaaaaa", T0.minusSeconds(60), T0, TermEndReason.FENCED_OUT)));

    RunningServer.Reply reply = server.get("/v1/scheduler/history");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.contentType()).startsWith("application/json");
    JsonNode body = reply.jsonBody();
    assertThat(fieldNames(body)).containsExactly("terms", "nextCursor");
    assertThat(body.get("nextCursor").isNull()).isTrue();
    JsonNode current = body.get("terms").get(0);
    assertThat(fieldNames(current))
        .containsExactly("term", "holderInstanceId", "acquiredAt", "endedAt", "endReason");
    assertThat(current.get("term").longValue()).isEqualTo(8);
    assertThat(current.get("holderInstanceId").textValue()).isEqualTo("baton-bbbbbbbbbbbb");
    assertThat(current.get("acquiredAt").textValue()).isEqualTo("2026-11-27T00:41:00.000Z");
    assertThat(current.get("endedAt").isNull()).isTrue();
    assertThat(current.get("endReason").isNull()).isTrue();
    JsonNode ended = body.get("terms").get(1);
    assertThat(ended.get("endedAt").textValue()).isEqualTo("2026-11-27T00:40:59.500Z");
    assertThat(ended.get("endReason").textValue()).isEqualTo("stepped_down");
    assertThat(body.get("terms").get(2).get("endReason").textValue()).isEqualTo("fenced_out");
    assertThat(server.history.limits()).containsExactly(QueryParameters.DEFAULT_LIMIT);
  }

  @Test
  void theLimitIsPassedOn() {
    assertThat(server.get("/v1/scheduler/history?limit=1000").status()).isEqualTo(200);
    assertThat(server.get("/v1/scheduler/history?limit=1").status()).isEqualTo(200);

    assertThat(server.history.limits()).containsExactly(1000, 1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"limit=0", "limit=1001", "limit=-1", "limit=ten", "limit=", "limt=5"})
  void aBadLimitIsA400Problem(String query) {
    RunningServer.Reply reply = server.get("/v1/scheduler/history?" + query);

    TrackBatchEndpointTest.assertInvalid(reply, query.startsWith("limt") ? "limt" : "limit");
    assertThat(server.history.limits()).isEmpty();
  }

  @Test
  void recentRunsOfEveryJobCarryTheirJobName() {
    server.jobs.answerRuns(
        List.of(
            new JobRun(12, "probe", "baton-a", 8, T0, T0, null, JobRunOutcome.RUNNING, null),
            new JobRun(
                11,
                "poll_llm_batches",
                "baton-b",
                7,
                null,
                T0.minusSeconds(5),
                T0.minusSeconds(4),
                JobRunOutcome.ABANDONED,
                "late")));

    RunningServer.Reply reply = server.get("/v1/scheduler/runs?limit=2");

    assertThat(reply.status()).isEqualTo(200);
    JsonNode body = reply.jsonBody();
    assertThat(fieldNames(body)).containsExactly("runs", "nextCursor");
    JsonNode newest = body.get("runs").get(0);
    assertThat(fieldNames(newest))
        .containsExactly(
            "id",
            "jobName",
            "instanceId",
            "term",
            "scheduledAt",
            "startedAt",
            "finishedAt",
            "outcome",
            "error");
    assertThat(newest.get("jobName").textValue()).isEqualTo("probe");
    assertThat(newest.get("outcome").textValue()).isEqualTo("running");
    assertThat(body.get("runs").get(1).get("outcome").textValue()).isEqualTo("abandoned");
    TrackBatchEndpointTest.assertInvalid(server.get("/v1/scheduler/runs?limit=0"), "limit");
  }
}
