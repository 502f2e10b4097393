package dev.baton.adapters.http;

import static dev.baton.adapters.http.RunningServer.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.application.port.in.SchedulerStatus;
import dev.baton.domain.SchedulerRole;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StepDownEndpointTest {
  @RegisterExtension final RunningServer server = new RunningServer();

  @Test
  void theLeaderStepsDownAndAnswersWithItsInstanceId() {
    server.schedulerStatus.answer(leaderStatus("baton-aaaaaaaaaaaa"));

    RunningServer.Reply reply = server.post("/v1/scheduler/step-down");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.contentType()).startsWith("application/json");
    assertThat(server.stepDown.calls()).isEqualTo(1);
    JsonNode body = reply.jsonBody();
    assertThat(fieldNames(body)).containsExactlyInAnyOrder("steppedDown", "instanceId");
    assertThat(body.get("steppedDown").isBoolean()).isTrue();
    assertThat(body.get("steppedDown").booleanValue()).isTrue();
    assertThat(body.get("instanceId").textValue()).isEqualTo("baton-aaaaaaaaaaaa");
  }

  @Test
  void aFollowerAnswers409NamingTheLeader() {
    server.stepDown.follow("baton-bbbbbbbbbbbb");

    RunningServer.Reply reply = server.post("/v1/scheduler/step-down");

    JsonNode body = reply.problem(409);
    assertThat(fieldNames(body))
        .containsExactlyInAnyOrder("type", "title", "status", "detail", "leaderInstanceId");
    assertThat(body.get("type").textValue()).isEqualTo("https://baton.dev/problems/not-leader");
    assertThat(body.get("title").textValue()).isEqualTo("Not the leader");
    assertThat(body.get("status").intValue()).isEqualTo(409);
    assertThat(body.get("detail").textValue()).contains("baton-bbbbbbbbbbbb");
    assertThat(body.get("leaderInstanceId").textValue()).isEqualTo("baton-bbbbbbbbbbbb");
  }

  @Test
  void aFollowerThatKnowsNoLeaderAnswers409WithANullLeader() {
    server.stepDown.follow(null);

    RunningServer.Reply reply = server.post("/v1/scheduler/step-down");

    assertThat(reply.status()).isEqualTo(409);
    assertThat(reply.jsonBody().get("leaderInstanceId").isNull()).isTrue();
  }

  @Test
  void whenTheStatusCannotBeReadNothingStepsDown() {
    server.schedulerStatus.failWith(new IllegalStateException("database unreachable"));

    RunningServer.Reply reply = server.post("/v1/scheduler/step-down");

    assertThat(reply.status()).isEqualTo(500);
    assertThat(server.stepDown.calls()).isZero();
  }

  private static SchedulerStatus leaderStatus(String instanceId) {
    return new SchedulerStatus(
        instanceId,
        SchedulerRole.LEADER,
        3L,
        instanceId,
        null,
        null,
        "postgres",
        true,
        "wait",
        List.of());
  }
}
