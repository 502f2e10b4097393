package dev.baton.benchmarks.takeover;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.testsupport.postgres.PostgresServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The CI guard: a short takeover run (two rounds of each scenario, real {@code baton.jar} processes
 * on the test PostgreSQL) that must keep every invariant. It asserts no timing: the figures belong
 * to the full benchmark.
 */
class TakeoverGuardIT {
  @TempDir Path workDir;

  @Test
  void twoRoundsOfEveryScenarioKeepEveryInvariant() throws Exception {
    // The test fixture's server, found as for every other test (the harness makes its own
    // database).
    String postgres = PostgresServer.shared().adminJdbcUrl();
    Path json = workDir.resolve("guard.json");

    int exitCode =
        new CommandLine(new TakeoverCommand())
            .execute(
                "--rounds",
                "2",
                "--scenario",
                "all",
                "--jar",
                System.getProperty("baton.jar"),
                "--postgres-url",
                postgres,
                "--json",
                json.toString(),
                "--time-limit-minutes",
                "8");

    JsonNode report = new ObjectMapper().readTree(json.toFile());
    assertThat(report.get("scenarios")).hasSize(Scenario.values().length);
    for (JsonNode scenario : report.get("scenarios")) {
      String name = scenario.get("scenario").asText();
      assertThat(scenario.get("completedRounds").asInt()).as(name).isEqualTo(2);
      assertThat(scenario.get("failedRounds").asInt()).as(name).isZero();
      scenario
          .get("invariantViolations")
          .fields()
          .forEachRemaining(
              check ->
                  assertThat(check.getValue().asLong()).as(name + " " + check.getKey()).isZero());
    }
    assertThat(report.get("clean").asBoolean()).isTrue();
    assertThat(exitCode).isZero();
  }
}
