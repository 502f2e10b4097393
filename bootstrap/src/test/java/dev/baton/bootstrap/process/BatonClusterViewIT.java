package dev.baton.bootstrap.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.testsupport.postgres.TestPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Three packaged jars on one database, as an operator sees them: the cluster view and metrics. */
class BatonClusterViewIT {
  @RegisterExtension static final TestPostgres postgres = new TestPostgres();
  private static final Duration STARTUP = Duration.ofSeconds(90);
  private static final Duration GONE = Duration.ofSeconds(40);

  @TempDir Path workDir;

  private Map<String, String> environment() {
    return Map.of("BATON_DATABASE_URL", postgres.jdbcUrl(), "BATON_PROBE_JOB_INTERVAL_MS", "300");
  }

  private static List<JsonNode> instances(BatonJar baton) throws Exception {
    return StreamSupport.stream(
            baton.getJson("/v1/scheduler/instances").get("instances").spliterator(), false)
        .toList();
  }

  private static double metric(BatonJar baton, String line) {
    String text = baton.text("/metrics");
    return text.lines()
        .filter(l -> l.startsWith(line + " "))
        .mapToDouble(l -> Double.parseDouble(l.substring(line.length() + 1)))
        .findFirst()
        .orElse(Double.NaN);
  }

  @Test
  void everyInstanceSeesTheSameClusterAndALeaderKilledShowsGone() throws Exception {
    List<BatonJar> cluster = new ArrayList<>();
    try {
      for (int i = 1; i <= 3; i++) {
        cluster.add(BatonJar.start(workDir, "instance-" + i, environment()));
      }
      for (BatonJar baton : cluster) {
        await()
            .atMost(STARTUP)
            .ignoreExceptions()
            .until(
                () ->
                    instances(baton).size() == 3
                        && instances(baton).stream()
                            .allMatch(i -> i.get("state").asText().equals("alive"))
                        && instances(baton).stream()
                                .filter(i -> i.get("role").asText().equals("LEADER"))
                                .count()
                            == 1);
      }
      String leaderId =
          cluster.get(0).getJson("/v1/scheduler/instances").get("leaderInstanceId").asText();
      BatonJar leader =
          cluster.stream()
              .filter(b -> uncheckedInstanceId(b).equals(leaderId))
              .findFirst()
              .orElseThrow();
      for (BatonJar baton : cluster) {
        assertThat(baton.getJson("/v1/scheduler/instances").get("leaderInstanceId").asText())
            .isEqualTo(leaderId);
        assertThat(metric(baton, "baton_leader")).isEqualTo(baton == leader ? 1.0 : 0.0);
      }
      await()
          .atMost(STARTUP)
          .until(
              () ->
                  metric(leader, "baton_job_runs_total{job=\"probe\",outcome=\"succeeded\"}") > 0);
      try (BatonJar status = BatonJar.start(workDir, "status", environment(), "status", "--json")) {
        assertThat(status.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(status.process().exitValue()).isZero();
        JsonNode report = new ObjectMapper().readTree(status.stdout());
        assertThat(report.get("leaderInstanceId").asText()).isEqualTo(leaderId);
        assertThat(report.get("instances")).hasSize(3);
      }

      leader.process().destroyForcibly();
      List<BatonJar> survivors = cluster.stream().filter(b -> b != leader).toList();
      BatonJar witness = survivors.get(0);
      await()
          .atMost(GONE)
          .ignoreExceptions()
          .until(
              () -> {
                JsonNode view = witness.getJson("/v1/scheduler/instances");
                String newLeader = view.get("leaderInstanceId").asText();
                return !newLeader.equals(leaderId)
                    && instances(witness).stream()
                        .anyMatch(
                            i ->
                                i.get("instanceId").asText().equals(leaderId)
                                    && i.get("state").asText().equals("gone"));
              });
      double acquisitions =
          survivors.stream()
              .mapToDouble(b -> metric(b, "baton_leadership_acquisitions_total"))
              .sum();
      assertThat(acquisitions).isEqualTo(1.0);
    } finally {
      cluster.forEach(BatonJar::close);
    }
  }

  private static String uncheckedInstanceId(BatonJar baton) {
    try {
      return baton.getJson("/v1/scheduler").get("instanceId").asText();
    } catch (Exception e) {
      return "";
    }
  }
}
