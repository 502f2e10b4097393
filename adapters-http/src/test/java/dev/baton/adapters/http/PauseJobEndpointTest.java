package dev.baton.adapters.http;

import static dev.baton.adapters.http.RunningServer.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PauseJobEndpointTest {
  @RegisterExtension final RunningServer server = new RunningServer();

  @Test
  void pauseAnswersWithTheJobPausedAndResumeWithItRunningAgain() {
    server.pauseJob.knows("send-invoices");

    RunningServer.Reply paused = server.post("/v1/jobs/send-invoices/pause");
    RunningServer.Reply resumed = server.post("/v1/jobs/send-invoices/resume");

    assertThat(paused.status()).isEqualTo(200);
    assertThat(paused.contentType()).startsWith("application/json");
    JsonNode job = paused.jsonBody();
    assertThat(fieldNames(job))
        .containsExactlyInAnyOrder(
            "name", "schedule", "paused", "lastRun", "nextRunAt", "recentRuns");
    assertThat(job.get("name").textValue()).isEqualTo("send-invoices");
    assertThat(job.get("paused").booleanValue()).isTrue();
    assertThat(resumed.status()).isEqualTo(200);
    assertThat(resumed.jsonBody().get("paused").booleanValue()).isFalse();
    assertThat(server.pauseJob.calls())
        .containsExactly("pause send-invoices", "resume send-invoices");
  }

  @Test
  void anUnknownJobIsA404Problem() {
    RunningServer.Reply reply = server.post("/v1/jobs/nope/pause");

    reply.problem(404);
    assertThat(reply.jsonBody().get("detail").textValue()).contains("nope");
  }
}
