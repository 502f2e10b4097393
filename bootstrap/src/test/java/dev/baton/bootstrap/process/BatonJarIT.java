package dev.baton.bootstrap.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar as an operator runs it: real processes, real HTTP, a real SQLite file. */
class BatonJarIT {
  private static final Duration STARTUP = Duration.ofSeconds(60);

  @TempDir Path workDir;

  private Map<String, String> sqliteOn(Path file) {
    return Map.of(
        "BATON_DATABASE_URL", "jdbc:sqlite:" + file, "BATON_PROBE_JOB_INTERVAL_MS", "200");
  }

  @Test
  void servesAsLeaderOnSqliteAndStopsInOrderOnSigterm() throws Exception {
    try (BatonJar baton =
        BatonJar.start(workDir, "leader", sqliteOn(workDir.resolve("baton.db")))) {
      await().atMost(STARTUP).until(() -> baton.status("/readyz") == 200);
      assertThat(baton.status("/healthz")).isEqualTo(200);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> "LEADER".equals(baton.getJson("/v1/scheduler").get("role").asText()));

      JsonNode status = baton.getJson("/v1/scheduler");
      assertThat(status.get("role").asText()).isEqualTo("LEADER");
      assertThat(status.get("backend").asText()).isEqualTo("sqlite");
      assertThat(status.get("electionSupported").asBoolean()).isFalse();
      assertThat(status.get("acquireMode").asText()).isEqualTo("wait");
      assertThat(status.get("term").asLong()).isEqualTo(1);
      assertThat(status.get("leaderInstanceId").asText())
          .isEqualTo(status.get("instanceId").asText())
          .matches("baton-[0-9a-f]{12}");
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> BatonJar.present(baton.getJson("/v1/scheduler").at("/jobs/1/lastRun")));
      assertThat(baton.getJson("/v1/scheduler").at("/jobs/0/name").asText())
          .isEqualTo("poll_llm_batches");
      assertThat(baton.getJson("/v1/scheduler").at("/jobs/1/name").asText()).isEqualTo("probe");

      baton.process().destroy(); // SIGTERM
      assertThat(baton.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(baton.process().exitValue()).isIn(0, 143);
      assertThat(baton.stdout())
          .containsSubsequence(
              "Scheduler shutdown of instance",
              "Leader shutdown: stopping jobs of term 1",
              "Released the leadership of term 1 cleanly",
              "-> STOPPED",
              "HTTP server stopped",
              "stopped");
    }
  }

  @Test
  void aSecondProcessOnTheSameFileFollowsAndTakesOverWhenTheFirstExits() throws Exception {
    Path database = workDir.resolve("shared.db");
    try (BatonJar first = BatonJar.start(workDir, "first", sqliteOn(database))) {
      await()
          .atMost(STARTUP)
          .ignoreExceptions()
          .until(() -> "LEADER".equals(first.getJson("/v1/scheduler").get("role").asText()));
      String firstId = first.getJson("/v1/scheduler").get("instanceId").asText();
      try (BatonJar second = BatonJar.start(workDir, "second", sqliteOn(database))) {
        await()
            .atMost(STARTUP)
            .ignoreExceptions()
            .until(() -> "FOLLOWER".equals(second.getJson("/v1/scheduler").get("role").asText()));
        JsonNode status = second.getJson("/v1/scheduler");
        assertThat(status.get("leaderInstanceId").asText()).isEqualTo(firstId);

        first.process().destroy();
        assertThat(first.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
        long exitedAt = System.nanoTime();
        await()
            .atMost(Duration.ofSeconds(10))
            .pollInterval(Duration.ofMillis(20))
            .until(() -> "LEADER".equals(second.getJson("/v1/scheduler").get("role").asText()));
        long takeoverMillis = (System.nanoTime() - exitedAt) / 1_000_000;
        System.out.println(
            "SQLite takeover after the first process exited: " + takeoverMillis + " ms");
        assertThat(second.getJson("/v1/scheduler").get("term").asLong()).isEqualTo(2);
      }
    }
  }

  @Test
  void anInvalidValueStopsStartupWithOneLineNamingTheKey() throws Exception {
    try (BatonJar baton =
        BatonJar.start(
            workDir, "invalid", Map.of("BATON_POLL_RUNNING_LLM_BATCHES_INTERVAL_SECONDS", "-5"))) {
      assertThat(baton.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(baton.process().exitValue()).isEqualTo(2);
      assertThat(baton.stderr().strip().lines())
          .singleElement()
          .asString()
          .contains("BATON_POLL_RUNNING_LLM_BATCHES_INTERVAL_SECONDS")
          .contains("-5")
          .contains("at least 1");
    }
  }

  @Test
  void pollOnceRunsOneCycleUnderItsOwnTermAndExits() throws Exception {
    try (BatonJar baton =
        BatonJar.start(workDir, "poll-once", sqliteOn(workDir.resolve("p.db")), "poll-once")) {
      assertThat(baton.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(baton.process().exitValue()).as(baton::logTail).isZero();
      assertThat(baton.stdout()).contains("poll_llm_batches run 1 under term 1: succeeded");
    }
  }

  @Test
  void migrateAppliesTheSchemaAndExits() throws Exception {
    try (BatonJar baton =
        BatonJar.start(workDir, "migrate", sqliteOn(workDir.resolve("m.db")), "migrate")) {
      assertThat(baton.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(baton.process().exitValue()).isZero();
      assertThat(workDir.resolve("m.db")).exists();
    }
  }

  @Test
  void jsonLogsCarryTheFormattedMessageTheTimeAndTheContextOfEachLine() throws Exception {
    Map<String, String> env = new java.util.HashMap<>(sqliteOn(workDir.resolve("json.db")));
    env.put("BATON_LOG_FORMAT", "JSON");
    try (BatonJar baton = BatonJar.start(workDir, "json", env)) {
      await().atMost(STARTUP).until(() -> baton.status("/readyz") == 200);
      String instanceId = baton.getJson("/v1/scheduler").get("instanceId").asText();
      baton.process().destroy();
      assertThat(baton.process().waitFor(10, TimeUnit.SECONDS)).isTrue();

      com.fasterxml.jackson.databind.ObjectMapper json =
          new com.fasterxml.jackson.databind.ObjectMapper();
      java.util.List<JsonNode> lines = new java.util.ArrayList<>();
      for (String line : baton.stdout().strip().split("\n")) {
        lines.add(json.readTree(line)); // every line is one JSON object
      }
      assertThat(lines).isNotEmpty();
      for (JsonNode line : lines) {
        assertThat(line.get("timestamp").asText())
            .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
        assertThat(line.get("level").asText()).isIn("INFO", "WARN", "ERROR");
        assertThat(line.get("logger").asText()).isNotBlank();
        assertThat(line.get("thread").asText()).isNotBlank();
        assertThat(line.get("message").asText()).doesNotContain("{}");
        assertThat(line.has("arguments")).isFalse();
      }
      assertThat(lines)
          .filteredOn(line -> line.get("message").asText().contains("is ready"))
          .singleElement()
          .satisfies(line -> assertThat(line.get("instance_id").asText()).isEqualTo(instanceId));
    }
  }

  @Test
  void textLogsShowTheInstanceOnEveryLineOfTheProcess() throws Exception {
    try (BatonJar baton = BatonJar.start(workDir, "text", sqliteOn(workDir.resolve("t.db")))) {
      await().atMost(STARTUP).until(() -> baton.status("/readyz") == 200);
      String instanceId = baton.getJson("/v1/scheduler").get("instanceId").asText();

      assertThat(baton.stdout())
          .containsPattern(
              "\\d{4}-\\d{2}-\\d{2}T[0-9:.]{12}Z INFO  \\[main\\] dev.baton.bootstrap.BatonProcess"
                  + " \\{instance_id="
                  + instanceId
                  + "\\} - Instance "
                  + instanceId
                  + " is ready");
    }
  }
}
