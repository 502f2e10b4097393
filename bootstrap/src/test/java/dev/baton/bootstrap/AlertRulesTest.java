package dev.baton.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code deploy/prometheus/}: the alert rules pass Prometheus' own checks and unit tests, and those
 * tests pin every alert down. The commands are the ones {@code docs/operations.md} shows, run as
 * written from the repository's root.
 */
class AlertRulesTest {
  private static final String INSTALL = Promtool.INSTALL;
  private static final String RULES = "deploy/prometheus/baton-rules.yml";
  private static final String RULE_TESTS = "deploy/prometheus/baton-rules.test.yml";

  private record Result(int exitCode, String output) {}

  private static Result promtool(Path directory, List<String> arguments)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("promtool"));
    command.addAll(arguments);
    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .start();
    } catch (IOException notFound) {
      throw new AssertionError(INSTALL, notFound);
    }
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not end within 60 s");
    }
    return new Result(process.exitValue(), output);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "promtool check rules deploy/prometheus/baton-rules.yml",
        "promtool test rules deploy/prometheus/baton-rules.test.yml",
        "promtool check config deploy/prometheus/prometheus.yml"
      })
  void theDocumentedCommandPasses(String command) throws Exception {
    assertThat(DeployFiles.text("docs/operations.md"))
        .as("docs/operations.md shows the command this test runs")
        .contains("`" + command + "`");

    List<String> words = List.of(command.split(" "));
    Result result = promtool(DeployFiles.REPOSITORY, words.subList(1, words.size()));

    assertThat(result.exitCode()).as(command + "\n" + result.output()).isZero();
  }

  private static Map<String, JsonNode> alerts() {
    Map<String, JsonNode> alerts = new LinkedHashMap<>();
    for (JsonNode group : DeployFiles.yaml(RULES).get("groups")) {
      for (JsonNode rule : group.get("rules")) {
        alerts.put(rule.get("alert").asText(), rule);
      }
    }
    return alerts;
  }

  @Test
  void everyAlertHasASeverityAnExplanationAndATestWhereItFiresAndOneWhereItDoesNot() {
    Map<String, List<Boolean>> fires = new LinkedHashMap<>();
    for (JsonNode test : DeployFiles.yaml(RULE_TESTS).get("tests")) {
      for (JsonNode check : test.path("alert_rule_test")) {
        fires
            .computeIfAbsent(check.get("alertname").asText(), name -> new ArrayList<>())
            .add(!check.get("exp_alerts").isEmpty());
      }
    }
    String operations = DeployFiles.text("docs/operations.md");

    assertThat(alerts())
        .hasSize(6)
        .allSatisfy(
            (name, rule) -> {
              assertThat(rule.at("/labels/severity").asText()).isIn("critical", "warning");
              assertThat(rule.at("/annotations/summary").asText()).isNotBlank();
              assertThat(rule.at("/annotations/description").asText()).isNotBlank();
              assertThat(fires.get(name)).as("the tests of " + name).contains(true, false);
              assertThat(operations)
                  .as("its section in docs/operations.md")
                  .contains("### " + name);
            });
    assertThat(alerts().keySet()).containsAll(fires.keySet());
  }

  /**
   * Each alert in turn made to never fire, then to always fire: the unit tests must notice both, or
   * they would pass whatever the rule said.
   */
  @ParameterizedTest
  @ValueSource(strings = {"vector(1) < 0", "vector(1)"})
  void theUnitTestsFailWhenAnyAlertIsReplaced(String replacement, @TempDir Path directory)
      throws Exception {
    YAMLMapper yaml = new YAMLMapper();
    Files.copy(DeployFiles.file(RULE_TESTS), directory.resolve(Path.of(RULE_TESTS).getFileName()));
    for (String alert : alerts().keySet()) {
      JsonNode rules = DeployFiles.yaml(RULES);
      for (JsonNode group : rules.get("groups")) {
        for (JsonNode rule : group.get("rules")) {
          if (rule.get("alert").asText().equals(alert)) {
            ((ObjectNode) rule).put("expr", replacement);
          }
        }
      }
      yaml.writeValue(directory.resolve("baton-rules.yml").toFile(), rules);

      Result result = promtool(directory, List.of("test", "rules", "baton-rules.test.yml"));

      assertThat(result.exitCode())
          .as("the tests with " + alert + " as '" + replacement + "'\n" + result.output())
          .isNotZero();
      assertThat(result.output()).contains("alertname: " + alert);
    }
  }
}
