package dev.baton.adapters.http;

import static dev.baton.adapters.http.RunningServer.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.application.port.in.ClusterView;
import dev.baton.domain.SchedulerRole;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ClusterEndpointTest {
  @RegisterExtension final RunningServer server = new RunningServer();

  private static final List<String> CLUSTER_FIELDS =
      List.of("leaderInstanceId", "term", "instances");
  private static final List<String> INSTANCE_FIELDS =
      List.of("instanceId", "host", "pid", "version", "role", "startedAt", "heartbeatAt", "state");

  @Test
  void listsEveryInstanceWithEveryFieldAndItsJsonType() {
    server.cluster.answer(
        new ClusterView(
            "baton-aaaaaaaaaaaa",
            7L,
            List.of(
                new ClusterView.Instance(
                    "baton-aaaaaaaaaaaa",
                    "node-1.internal",
                    4242,
                    "0.1.0",
                    SchedulerRole.LEADER,
                    Instant.parse("2026-11-27T00:40:00Z"),
                    Instant.parse("2026-11-27T00:41:07.5Z"),
                    true),
                new ClusterView.Instance(
                    "baton-bbbbbbbbbbbb",
                    "node-2.internal",
                    5151,
                    "0.1.0-SNAPSHOT",
                    SchedulerRole.FOLLOWER,
                    Instant.parse("2026-11-27T00:39:59.999Z"),
                    Instant.parse("2026-11-27T00:40:30.010Z"),
                    false))));

    RunningServer.Reply reply = server.get("/v1/scheduler/instances");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.contentType()).startsWith("application/json");
    JsonNode body = reply.jsonBody();
    assertThat(fieldNames(body)).containsExactlyInAnyOrderElementsOf(CLUSTER_FIELDS);
    assertThat(body.get("leaderInstanceId").textValue()).isEqualTo("baton-aaaaaaaaaaaa");
    assertThat(body.get("term").isIntegralNumber()).isTrue();
    assertThat(body.get("term").longValue()).isEqualTo(7);
    assertThat(body.get("instances").isArray()).isTrue();
    assertThat(body.get("instances")).hasSize(2);

    JsonNode leader = body.get("instances").get(0);
    assertThat(fieldNames(leader)).containsExactlyInAnyOrderElementsOf(INSTANCE_FIELDS);
    assertThat(leader.get("instanceId").textValue()).isEqualTo("baton-aaaaaaaaaaaa");
    assertThat(leader.get("host").textValue()).isEqualTo("node-1.internal");
    assertThat(leader.get("pid").isIntegralNumber()).isTrue();
    assertThat(leader.get("pid").longValue()).isEqualTo(4242);
    assertThat(leader.get("version").textValue()).isEqualTo("0.1.0");
    assertThat(leader.get("role").textValue()).isEqualTo("LEADER");
    assertThat(leader.get("startedAt").textValue()).isEqualTo("2026-11-27T00:40:00.000Z");
    assertThat(leader.get("heartbeatAt").textValue()).isEqualTo("2026-11-27T00:41:07.500Z");
    assertThat(leader.get("state").textValue()).isEqualTo("alive");

    JsonNode gone = body.get("instances").get(1);
    assertThat(fieldNames(gone)).containsExactlyInAnyOrderElementsOf(INSTANCE_FIELDS);
    assertThat(gone.get("instanceId").textValue()).isEqualTo("baton-bbbbbbbbbbbb");
    assertThat(gone.get("host").textValue()).isEqualTo("node-2.internal");
    assertThat(gone.get("pid").longValue()).isEqualTo(5151);
    assertThat(gone.get("version").textValue()).isEqualTo("0.1.0-SNAPSHOT");
    assertThat(gone.get("role").textValue()).isEqualTo("FOLLOWER");
    assertThat(gone.get("startedAt").textValue()).isEqualTo("2026-11-27T00:39:59.999Z");
    assertThat(gone.get("heartbeatAt").textValue()).isEqualTo("2026-11-27T00:40:30.010Z");
    assertThat(gone.get("state").textValue()).isEqualTo("gone");
  }

  @Test
  void beforeAnyLeaderTheLeaderAndTermAreNullsAndTheListIsEmpty() {
    server.cluster.answer(new ClusterView(null, null, List.of()));

    JsonNode body = server.get("/v1/scheduler/instances").jsonBody();

    assertThat(fieldNames(body)).containsExactlyInAnyOrderElementsOf(CLUSTER_FIELDS);
    assertThat(body.get("leaderInstanceId").isNull()).isTrue();
    assertThat(body.get("term").isNull()).isTrue();
    assertThat(body.get("instances").isArray()).isTrue();
    assertThat(body.get("instances")).isEmpty();
  }
}
