package dev.baton.benchmarks.takeover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;

/** The part of an instance's {@code GET /v1/scheduler} the benchmark reads. */
record SchedulerView(
    String instanceId, String role, Long term, String leaderInstanceId, Instant jobsStartAt) {

  static final String LEADER = "LEADER";
  static final String FOLLOWER = "FOLLOWER";

  private static final ObjectMapper JSON = new ObjectMapper();

  static SchedulerView parse(String body) throws IOException {
    JsonNode status = JSON.readTree(body);
    if (status == null || !status.hasNonNull("instanceId") || !status.hasNonNull("role")) {
      throw new IOException("not a scheduler status: " + body);
    }
    return new SchedulerView(
        status.get("instanceId").asText(),
        status.get("role").asText(),
        status.hasNonNull("term") ? status.get("term").asLong() : null,
        status.hasNonNull("leaderInstanceId") ? status.get("leaderInstanceId").asText() : null,
        status.hasNonNull("jobsStartAt")
            ? Instant.parse(status.get("jobsStartAt").asText())
            : null);
  }

  boolean isLeader() {
    return LEADER.equals(role);
  }

  boolean isFollowerOf(String leader) {
    return FOLLOWER.equals(role) && leader.equals(leaderInstanceId);
  }
}
