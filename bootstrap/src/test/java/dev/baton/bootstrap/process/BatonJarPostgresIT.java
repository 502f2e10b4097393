package dev.baton.bootstrap.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.testsupport.postgres.TestPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Two packaged jars on one PostgreSQL database: one leads, the other takes over when it goes. */
class BatonJarPostgresIT {
  @RegisterExtension static final TestPostgres postgres = new TestPostgres();
  private static final Duration STARTUP = Duration.ofSeconds(60);
  private static final Duration GENEROUS = Duration.ofSeconds(20);

  @TempDir Path workDir;

  private Map<String, String> environment() {
    return Map.of("BATON_DATABASE_URL", postgres.jdbcUrl(), "BATON_PROBE_JOB_INTERVAL_MS", "200");
  }

  private static String role(BatonJar baton) throws Exception {
    return baton.getJson("/v1/scheduler").get("role").asText();
  }

  private static void awaitRole(BatonJar baton, String role, Duration within) {
    await().atMost(within).ignoreExceptions().until(() -> role.equals(role(baton)));
  }

  /** {@code baton.jar status --json} against the same database agrees, and exits 0. */
  private void assertStatusCommandNames(String leader, long term) throws Exception {
    try (BatonJar status = BatonJar.start(workDir, "status", environment(), "status", "--json")) {
      assertThat(status.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(status.process().exitValue()).isZero();
      JsonNode report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(status.stdout());
      assertThat(report.get("leaderInstanceId").asText()).isEqualTo(leader);
      assertThat(report.get("term").asLong()).isEqualTo(term);
      assertThat(report.get("leaderAlive").asBoolean()).isTrue();
      assertThat(report.get("leaderSince").asText())
          .as("timestamps as the HTTP API writes them, also from PostgreSQL's microseconds")
          .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
      assertThat(report.at("/instances/0/heartbeatAt").asText()).matches(".*\\.\\d{3}Z");
      assertThat(report.get("lock"))
          .anySatisfy(
              session -> {
                assertThat(session.get("applicationName").asText()).isEqualTo(leader);
                assertThat(session.get("granted").asBoolean()).isTrue();
              });
    }
  }

  /** The real scrape, pool meters included, as Prometheus' own linter reads it. */
  private static void assertTheMetricsPassPromtool(BatonJar leader) throws Exception {
    await()
        .atMost(GENEROUS)
        .until(() -> leader.text("/metrics").contains("baton_job_last_success_timestamp_seconds"));
    String scrape = leader.text("/metrics");
    assertThat(scrape)
        .contains("baton_build_info{version=")
        .contains("hikaricp_connections_active{pool=\"baton-pool\"}")
        .contains("# TYPE baton_job_run_duration_seconds histogram");
    dev.baton.bootstrap.Promtool.Result lint = dev.baton.bootstrap.Promtool.checkMetrics(scrape);
    assertThat(lint.exitCode()).as(lint.output()).isZero();
  }

  @Test
  void oneLeadsTheOtherFollowsAndTakesOverAfterSigtermThenAfterSigkill() throws Exception {
    try (BatonJar first = BatonJar.start(workDir, "first", environment());
        BatonJar second = BatonJar.start(workDir, "second", environment())) {
      await()
          .atMost(STARTUP)
          .ignoreExceptions()
          .until(
              () ->
                  (role(first) + role(second)).equals("LEADERFOLLOWER")
                      || (role(first) + role(second)).equals("FOLLOWERLEADER"));
      BatonJar leader = role(first).equals("LEADER") ? first : second;
      BatonJar follower = leader == first ? second : first;
      JsonNode before = leader.getJson("/v1/scheduler");
      assertThat(before.get("backend").asText()).isEqualTo("postgres");
      assertThat(before.get("electionSupported").asBoolean()).isTrue();
      assertThat(follower.getJson("/v1/scheduler").get("leaderInstanceId").asText())
          .isEqualTo(before.get("instanceId").asText());
      long term = before.get("term").asLong();
      assertStatusCommandNames(before.get("instanceId").asText(), term);
      assertTheMetricsPassPromtool(leader);

      leader.process().destroy(); // SIGTERM: a clean release
      awaitRole(follower, "LEADER", GENEROUS);
      JsonNode afterSigterm = follower.getJson("/v1/scheduler");
      assertThat(afterSigterm.get("term").asLong()).isEqualTo(term + 1);
      assertThat(afterSigterm.get("jobsStartAt").asText())
          .isEqualTo(afterSigterm.get("leaderSince").asText());
      assertThat(leader.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(leader.process().exitValue()).isIn(0, 143);

      try (BatonJar third = BatonJar.start(workDir, "third", environment())) {
        awaitRole(third, "FOLLOWER", STARTUP);

        follower.process().destroyForcibly(); // SIGKILL: no release, no session left
        awaitRole(third, "LEADER", GENEROUS);
        JsonNode afterSigkill = third.getJson("/v1/scheduler");
        assertThat(afterSigkill.get("term").asLong()).isEqualTo(term + 2);
        Instant since = Instant.parse(afterSigkill.get("leaderSince").asText());
        Instant jobsStart = Instant.parse(afterSigkill.get("jobsStartAt").asText());
        assertThat(Duration.between(since, jobsStart))
            .as("no takeover grace after a killed leader")
            .isZero();
        await()
            .atMost(GENEROUS)
            .until(() -> BatonJar.present(third.getJson("/v1/scheduler").at("/jobs/1/lastRun")));
        assertThat(third.getJson("/v1/scheduler").at("/jobs/1/lastRun/term").asLong())
            .isEqualTo(term + 2);
      }
    }
  }

  @Test
  void theDatabaseUserAndAPasswordFileGoBesideTheUrlAndStayMasked() throws Exception {
    String url = postgres.jdbcUrl();
    java.util.regex.Matcher user = java.util.regex.Pattern.compile("[?&]user=([^&]*)").matcher(url);
    org.junit.jupiter.api.Assumptions.assumeTrue(user.find(), "the test URL names its user");
    String withoutUser = url.replaceAll("[?&]user=[^&]*", "");
    java.nio.file.Path passwordFile =
        java.nio.file.Files.writeString(workDir.resolve("password"), "not-shown-anywhere\n");
    Map<String, String> env =
        Map.of(
            "BATON_DATABASE_URL", withoutUser,
            "BATON_DATABASE_USER", user.group(1),
            "BATON_DATABASE_PASSWORD_FILE", passwordFile.toString());
    try (BatonJar baton = BatonJar.start(workDir, "credentials", env)) {
      await().atMost(STARTUP).ignoreExceptions().until(() -> baton.status("/readyz") == 200);

      assertThat(baton.stdout())
          .contains("BATON_DATABASE_USER=" + user.group(1), "BATON_DATABASE_PASSWORD=****")
          .doesNotContain("not-shown-anywhere");
    }
  }
}
