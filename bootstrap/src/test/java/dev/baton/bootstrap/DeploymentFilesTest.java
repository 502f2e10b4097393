package dev.baton.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.adapters.http.HttpServerSettings;
import dev.baton.bootstrap.config.ConfigKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code deploy/kubernetes/} and {@code deploy/systemd/} against Baton's own keys, defaults and
 * exit codes. {@code DeploymentFilesIT} starts the jar as each of them would, and asks the probes.
 */
class DeploymentFilesTest {
  /** After the drain: the release, closing the pool and the HTTP server, the JVM's exit. */
  private static final Duration STOP_MARGIN = Duration.ofSeconds(10);

  private static final Pattern NAME = Pattern.compile("\\bBATON_[A-Z0-9_]+");

  /** The drain timeout a file's environment gives Baton: its own value, else Baton's default. */
  static Duration drainTimeout(Map<String, String> environment) {
    String seconds =
        environment.getOrDefault(
            ConfigKey.BATON_DRAIN_TIMEOUT_SECONDS.name(),
            ConfigKey.BATON_DRAIN_TIMEOUT_SECONDS.defaultValue().orElseThrow());
    return Duration.ofSeconds(Long.parseLong(seconds));
  }

  @Test
  void everyBatonNameInTheDeploymentFilesIsOneBatonReads() {
    Map<String, Set<String>> unknown = new LinkedHashMap<>();
    Set<String> seen = new TreeSet<>();
    for (String file : DeployFiles.all()) {
      Matcher name = NAME.matcher(DeployFiles.text(file));
      while (name.find()) {
        seen.add(name.group());
        if (!DeployFiles.isConfigurationName(name.group())) {
          unknown.computeIfAbsent(file, f -> new TreeSet<>()).add(name.group());
        }
      }
    }

    assertThat(unknown).isEmpty();
    assertThat(seen).contains("BATON_HTTP_HOST", "BATON_ADMIN_TOKEN_FILE", "BATON_READ_TOKEN_FILE");
  }

  // ---- Kubernetes

  private static JsonNode deployment() {
    return DeployFiles.yaml("deploy/kubernetes/deployment.yaml");
  }

  private static JsonNode container() {
    JsonNode containers = deployment().at("/spec/template/spec/containers");
    assertThat(containers).hasSize(1);
    return containers.get(0);
  }

  /** The container's environment: plain values as they are, the others as where they come from. */
  private static Map<String, JsonNode> env() {
    Map<String, JsonNode> env = new LinkedHashMap<>();
    container().get("env").forEach(variable -> env.put(variable.get("name").asText(), variable));
    return env;
  }

  private static Map<String, String> plainEnv() {
    Map<String, String> plain = new LinkedHashMap<>();
    env()
        .forEach(
            (name, variable) -> {
              if (variable.has("value")) {
                plain.put(name, variable.get("value").asText());
              }
            });
    return plain;
  }

  /** The port Baton listens on in the container: BATON_HTTP_PORT, else Baton's default. */
  private static int batonPort() {
    String port = plainEnv().get(ConfigKey.BATON_HTTP_PORT.name());
    return port == null ? HttpServerSettings.DEFAULT_PORT : Integer.parseInt(port);
  }

  /** A probe's or a Service's port, by name or number, as the container's port number. */
  private static int containerPort(JsonNode port) {
    if (port.isInt()) {
      return port.asInt();
    }
    for (JsonNode declared : container().get("ports")) {
      if (declared.path("name").asText().equals(port.asText())) {
        return declared.get("containerPort").asInt();
      }
    }
    throw new AssertionError("the container declares no port named " + port);
  }

  @Test
  void everyFileInTheKubernetesDirectoryIsOneOfTheThreeObjects() {
    List<String> kinds = new ArrayList<>();
    for (String file : DeployFiles.all()) {
      if (file.startsWith("deploy/kubernetes/")) {
        kinds.add(DeployFiles.yaml(file).get("kind").asText());
      }
    }

    assertThat(kinds).containsExactlyInAnyOrder("Deployment", "Service", "PodDisruptionBudget");
  }

  @Test
  void threeReplicasBindEveryAddressOnBatonsPortAndRollOneAtATime() {
    JsonNode spec = deployment().get("spec");

    assertThat(spec.get("replicas").asInt()).isEqualTo(3);
    assertThat(spec.at("/strategy/rollingUpdate/maxUnavailable").asInt()).isZero();
    assertThat(plainEnv()).containsEntry(ConfigKey.BATON_HTTP_HOST.name(), "0.0.0.0");
    assertThat(containerPort(new com.fasterxml.jackson.databind.node.TextNode("http")))
        .isEqualTo(batonPort());
    JsonNode annotations = spec.at("/template/metadata/annotations");
    assertThat(annotations.get("prometheus.io/port").asInt()).isEqualTo(batonPort());
    assertThat(annotations.get("prometheus.io/path").asText()).isEqualTo("/metrics");
  }

  @Test
  void livenessAsksHealthzAndReadinessReadyzOnBatonsPort() {
    JsonNode liveness = container().at("/livenessProbe/httpGet");
    JsonNode readiness = container().at("/readinessProbe/httpGet");

    assertThat(liveness.get("path").asText()).isEqualTo("/healthz");
    assertThat(readiness.get("path").asText()).isEqualTo("/readyz");
    assertThat(containerPort(liveness.get("port"))).isEqualTo(batonPort());
    assertThat(containerPort(readiness.get("port"))).isEqualTo(batonPort());
  }

  @Test
  void theGracePeriodOutlastsTheDrainTimeout() {
    Duration grace =
        Duration.ofSeconds(
            deployment().at("/spec/template/spec/terminationGracePeriodSeconds").asLong());

    assertThat(grace).isGreaterThanOrEqualTo(drainTimeout(plainEnv()).plus(STOP_MARGIN));
  }

  /**
   * The tokens and the password arrive as files of the Secret volume, the database's URL and user
   * from the same Secret, and no secret as a plain variable; docs/operations.md makes that Secret
   * with exactly these keys.
   */
  @Test
  void secretsComeFromTheSecretTheOperationsGuideMakes() {
    JsonNode pod = deployment().at("/spec/template/spec");
    JsonNode secretVolume = null;
    for (JsonNode volume : pod.get("volumes")) {
      if (volume.has("secret")) {
        secretVolume = volume;
      }
    }
    assertThat(secretVolume).as("a Secret volume").isNotNull();
    String secretName = secretVolume.at("/secret/secretName").asText();
    String mountPath = null;
    for (JsonNode mount : container().get("volumeMounts")) {
      if (mount.get("name").asText().equals(secretVolume.get("name").asText())) {
        mountPath = mount.get("mountPath").asText();
        assertThat(mount.get("readOnly").asBoolean()).isTrue();
      }
    }
    assertThat(mountPath).as("the Secret volume's mount").isNotNull();
    Map<String, String> fileKeys = new LinkedHashMap<>();
    for (JsonNode item : secretVolume.at("/secret/items")) {
      fileKeys.put(mountPath + "/" + item.get("path").asText(), item.get("key").asText());
    }
    Set<String> keys = new TreeSet<>(fileKeys.values());
    Map<String, JsonNode> env = env();

    for (String name :
        List.of(
            "BATON_ADMIN_TOKEN_FILE", "BATON_READ_TOKEN_FILE", "BATON_DATABASE_PASSWORD_FILE")) {
      assertThat(fileKeys).as(name).containsKey(env.get(name).get("value").asText());
    }
    for (String name : List.of("BATON_DATABASE_URL", "BATON_DATABASE_USER")) {
      JsonNode reference = env.get(name).at("/valueFrom/secretKeyRef");
      assertThat(reference.get("name").asText()).as(name).isEqualTo(secretName);
      keys.add(reference.get("key").asText());
    }
    assertThat(env.keySet()).noneMatch(DeployFiles::isSecret);
    assertThat(secretKeysTheGuideCreates(secretName)).containsExactlyInAnyOrderElementsOf(keys);
  }

  /** The keys of {@code kubectl create secret generic NAME --from-…=KEY=…} in the guide. */
  private static Set<String> secretKeysTheGuideCreates(String secretName) {
    String guide = DeployFiles.text("docs/operations.md").replace("\\\n", " ");
    Matcher command =
        Pattern.compile("kubectl create secret generic " + Pattern.quote(secretName) + "\\b[^\\n]*")
            .matcher(guide);
    assertThat(command.find()).as("docs/operations.md makes the Secret " + secretName).isTrue();
    Set<String> keys = new TreeSet<>();
    Matcher key = Pattern.compile("--from-(?:literal|file)=([a-z0-9-]+)=").matcher(command.group());
    while (key.find()) {
      keys.add(key.group(1));
    }
    return keys;
  }

  @Test
  void theServiceAndTheDisruptionBudgetSelectThePodsAndKeepTwoOfThree() {
    JsonNode podLabels = deployment().at("/spec/template/metadata/labels");
    JsonNode service = DeployFiles.yaml("deploy/kubernetes/service.yaml");
    JsonNode budget = DeployFiles.yaml("deploy/kubernetes/poddisruptionbudget.yaml");

    assertThat(deployment().at("/spec/selector/matchLabels")).isEqualTo(podLabels);
    assertThat(service.at("/spec/selector")).isEqualTo(podLabels);
    assertThat(budget.at("/spec/selector/matchLabels")).isEqualTo(podLabels);
    assertThat(service.at("/spec/ports")).hasSize(1);
    assertThat(containerPort(service.at("/spec/ports/0/targetPort"))).isEqualTo(batonPort());
    int replicas = deployment().at("/spec/replicas").asInt();
    assertThat(replicas - budget.at("/spec/maxUnavailable").asInt()).isGreaterThanOrEqualTo(2);
  }

  // ---- systemd

  private static final String UNIT = "deploy/systemd/baton.service";
  private static final String ENVIRONMENT_FILE = "deploy/systemd/baton.env";

  /** systemd's time span: plain seconds, or a number with a unit (s, min). */
  private static Duration timeSpan(String value) {
    Matcher span = Pattern.compile("(\\d+)\\s*(s|sec|min)?").matcher(value);
    assertThat(span.matches()).as("a time span systemd reads: " + value).isTrue();
    long amount = Long.parseLong(span.group(1));
    return "min".equals(span.group(2)) ? Duration.ofMinutes(amount) : Duration.ofSeconds(amount);
  }

  @Test
  void theUnitRunsTheJarAsItsOwnUserAndRestartsOnlyWhatARestartCanCure() {
    DeployFiles.SystemdUnit unit = DeployFiles.SystemdUnit.read(UNIT);

    assertThat(unit.one("Service", "ExecStart")).matches("/\\S+/java -jar /opt/baton/baton\\.jar");
    assertThat(unit.one("Service", "User")).isNotIn("root", "0");
    assertThat(unit.one("Service", "Restart")).isEqualTo("on-failure");
    assertThat(unit.one("Service", "RestartPreventExitStatus").split("\\s+"))
        .contains(String.valueOf(ExitCodes.USAGE));
    assertThat(unit.one("Service", "EnvironmentFile")).isEqualTo("/etc/baton/baton.env");
  }

  @Test
  void sigtermStopsItCleanlyWithinTheStopTimeoutAndItsExitCodeCountsAsSuccess() {
    DeployFiles.SystemdUnit unit = DeployFiles.SystemdUnit.read(UNIT);
    Map<String, String> environment =
        new LinkedHashMap<>(DeployFiles.environmentFile(ENVIRONMENT_FILE));
    environment.putAll(unit.environment());

    assertThat(unit.one("Service", "KillSignal")).isEqualTo("SIGTERM");
    assertThat(timeSpan(unit.one("Service", "TimeoutStopSec")))
        .isGreaterThanOrEqualTo(drainTimeout(environment).plus(STOP_MARGIN));
    assertThat(unit.one("Service", "SuccessExitStatus").split("\\s+"))
        .as("the JVM's exit code after SIGTERM, 128 + 15")
        .contains("143");
  }

  @Test
  void secretsArriveAsCredentialsThatTheFileKeysName() {
    DeployFiles.SystemdUnit unit = DeployFiles.SystemdUnit.read(UNIT);
    Map<String, String> environment = unit.environment();
    Map<String, String> credentials = unit.credentials();

    assertThat(environment)
        .containsKeys("BATON_ADMIN_TOKEN_FILE", "BATON_READ_TOKEN_FILE")
        .allSatisfy(
            (name, value) -> {
              assertThat(name).endsWith("_FILE");
              assertThat(value).startsWith("%d/");
              assertThat(credentials).containsKey(value.substring("%d/".length()));
            });
    assertThat(credentials.keySet())
        .hasSameSizeAs(environment.keySet())
        .allSatisfy(id -> assertThat(environment).containsValue("%d/" + id));
    assertThat(DeployFiles.environmentFile(ENVIRONMENT_FILE).keySet())
        .allMatch(DeployFiles::isConfigurationName)
        .noneMatch(DeployFiles::isSecret)
        .contains("BATON_DATABASE_URL", "BATON_HTTP_HOST");
  }
}
