package dev.baton.bootstrap.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.bootstrap.DeployFiles;
import dev.baton.testsupport.postgres.TestPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar started as {@code deploy/kubernetes/deployment.yaml} and {@code
 * deploy/systemd/baton.service} start it: their command, their environment, their secrets as files.
 * It must answer the probes they name, take the admin token from its file, and stop on SIGTERM
 * within their grace with an exit code they count as success. Two things differ: the database is
 * the test's, and the HTTP port a free one (this machine is shared); DeploymentFilesTest checks the
 * files' ports against Baton's default.
 */
class DeploymentFilesIT {
  @RegisterExtension static final TestPostgres postgres = new TestPostgres();
  private static final Duration STARTUP = Duration.ofSeconds(90);
  private static final String JAR_IN_THE_FILES = "/opt/baton/baton.jar";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @TempDir Path workDir;

  /**
   * The test database's URL without credentials, its user and its password, as the files split
   * them.
   */
  private record Database(String url, String user, String password) {
    static Database of(String jdbcUrl) {
      int query = jdbcUrl.indexOf('?');
      Map<String, String> credentials = new HashMap<>();
      List<String> kept = new ArrayList<>();
      for (String parameter : query < 0 ? new String[0] : jdbcUrl.substring(query + 1).split("&")) {
        String name = parameter.substring(0, Math.max(0, parameter.indexOf('=')));
        if (name.equals("user") || name.equals("password")) {
          credentials.put(name, parameter.substring(name.length() + 1));
        } else {
          kept.add(parameter);
        }
      }
      String base = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
      return new Database(
          kept.isEmpty() ? base : base + "?" + String.join("&", kept),
          credentials.getOrDefault("user", "postgres"),
          // A server that trusts local connections ignores it; the file must not be empty.
          credentials.getOrDefault("password", "unused"));
    }
  }

  /** A command of the files with this JVM for {@code java} and the built jar for theirs. */
  private static List<String> localCommand(List<String> command) {
    List<String> local = new ArrayList<>();
    for (String word : command) {
      if (word.equals("java") || word.endsWith("/java")) {
        local.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      } else if (word.equals(JAR_IN_THE_FILES)) {
        local.add(BatonJar.jar().toString());
      } else {
        local.add(word);
      }
    }
    assertThat(local).contains(BatonJar.jar().toString());
    return local;
  }

  private Process start(String name, List<String> command, Map<String, String> environment)
      throws IOException {
    Path directory = Files.createDirectories(workDir.resolve(name));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(workDir.resolve(name + ".out").toFile());
    builder.environment().keySet().removeIf(key -> key.startsWith("BATON_"));
    builder.environment().putAll(environment);
    return builder.start();
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(
        request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static int get(int port, String path) {
    try {
      return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)))
          .statusCode();
    } catch (Exception notYet) {
      return -1;
    }
  }

  /** Ready as the readiness probe sees it, then the checks every deployment needs. */
  private void assertServesAsDeployed(
      String what, Process baton, int port, String readiness, String adminToken) throws Exception {
    await()
        .atMost(STARTUP)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              assertThat(baton.isAlive()).as(() -> what + " is running:\n" + output(what)).isTrue();
              return get(port, readiness) == 200;
            });
    HttpResponse<String> run =
        send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/v1/jobs/poll_llm_batches/run"))
                .header("Authorization", "Bearer " + adminToken)
                .POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(run.statusCode()).as("the admin token from its file: " + run.body()).isEqualTo(200);
  }

  private String output(String name) {
    try {
      List<String> lines = Files.readAllLines(workDir.resolve(name + ".out"));
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }

  /** SIGTERM, as Kubernetes and systemd stop it: it ends within {@code grace}. */
  private static int stopWithin(Process baton, Duration grace) throws InterruptedException {
    baton.destroy();
    assertThat(baton.waitFor(grace.toSeconds(), TimeUnit.SECONDS))
        .as("stopped within " + grace)
        .isTrue();
    return baton.exitValue();
  }

  @Test
  void theKubernetesContainerAnswersItsProbesAndStopsWithinItsGracePeriod() throws Exception {
    JsonNode template = DeployFiles.yaml("deploy/kubernetes/deployment.yaml").at("/spec/template");
    JsonNode pod = template.get("spec");
    JsonNode container = pod.at("/containers/0");
    Database database = Database.of(postgres.jdbcUrl());
    String adminToken = "admin-" + UUID.randomUUID();
    Map<String, String> secret =
        Map.of(
            "database-url", database.url(),
            "database-user", database.user(),
            "database-password", database.password(),
            "admin-token", adminToken,
            "read-token", "read-" + UUID.randomUUID());
    // The Secret volume's files, where the container would find them.
    Map<String, Path> mounts = new LinkedHashMap<>();
    for (JsonNode volume : pod.get("volumes")) {
      Path mounted =
          Files.createDirectories(workDir.resolve("volume-" + volume.get("name").asText()));
      for (JsonNode item : volume.at("/secret/items")) {
        Files.writeString(
            mounted.resolve(item.get("path").asText()),
            secret.get(item.get("key").asText()) + "\n",
            StandardCharsets.UTF_8);
      }
      for (JsonNode mount : container.get("volumeMounts")) {
        if (mount.get("name").equals(volume.get("name"))) {
          mounts.put(mount.get("mountPath").asText(), mounted);
        }
      }
    }
    Map<String, String> environment = new LinkedHashMap<>();
    for (JsonNode variable : container.get("env")) {
      String value =
          variable.has("value")
              ? variable.get("value").asText()
              : secret.get(variable.at("/valueFrom/secretKeyRef/key").asText());
      for (Map.Entry<String, Path> mount : mounts.entrySet()) {
        if (value.startsWith(mount.getKey() + "/")) {
          value = mount.getValue() + value.substring(mount.getKey().length());
          break;
        }
      }
      environment.put(variable.get("name").asText(), value);
    }
    int port = BatonJar.freePort();
    environment.put("BATON_HTTP_PORT", String.valueOf(port));
    List<String> command = new ArrayList<>();
    container.get("command").forEach(word -> command.add(word.asText()));

    Process baton = start("kubernetes", localCommand(command), environment);
    try {
      assertServesAsDeployed(
          "kubernetes",
          baton,
          port,
          container.at("/readinessProbe/httpGet/path").asText(),
          adminToken);
      assertThat(get(port, container.at("/livenessProbe/httpGet/path").asText())).isEqualTo(200);
      assertThat(get(port, template.at("/metadata/annotations").get("prometheus.io/path").asText()))
          .as("the path the scrape annotation names")
          .isEqualTo(200);

      int exit =
          stopWithin(baton, Duration.ofSeconds(pod.get("terminationGracePeriodSeconds").asLong()));
      assertThat(exit).isIn(0, 143);
    } finally {
      baton.destroyForcibly();
    }
  }

  @Test
  void theSystemdServiceStartsWithItsCredentialsAndItsSigtermExitCountsAsSuccess()
      throws Exception {
    DeployFiles.SystemdUnit unit = DeployFiles.SystemdUnit.read("deploy/systemd/baton.service");
    Database database = Database.of(postgres.jdbcUrl());
    String adminToken = "admin-" + UUID.randomUUID();
    Map<String, String> credentialValues =
        Map.of(
            "database-password",
            database.password(),
            "admin-token",
            adminToken,
            "read-token",
            "read-" + UUID.randomUUID());
    // What LoadCredential= copies into $CREDENTIALS_DIRECTORY, which %d names.
    Path credentials = Files.createDirectories(workDir.resolve("credentials"));
    for (String id : unit.credentials().keySet()) {
      Files.writeString(credentials.resolve(id), credentialValues.get(id), StandardCharsets.UTF_8);
    }
    Map<String, String> environment =
        new LinkedHashMap<>(DeployFiles.environmentFile("deploy/systemd/baton.env"));
    int port = BatonJar.freePort();
    environment.put("BATON_DATABASE_URL", database.url());
    environment.put("BATON_DATABASE_USER", database.user());
    environment.put("BATON_HTTP_PORT", String.valueOf(port));
    unit.environment()
        .forEach(
            (name, value) -> environment.put(name, value.replace("%d", credentials.toString())));

    Process baton =
        start(
            "systemd",
            localCommand(List.of(unit.one("Service", "ExecStart").split("\\s+"))),
            environment);
    try {
      assertServesAsDeployed("systemd", baton, port, "/readyz", adminToken);

      int exit =
          stopWithin(
              baton,
              Duration.ofSeconds(
                  Long.parseLong(unit.one("Service", "TimeoutStopSec").replace("s", ""))));
      List<String> success = new ArrayList<>(List.of("0"));
      success.addAll(List.of(unit.one("Service", "SuccessExitStatus").split("\\s+")));
      assertThat(success)
          .as("systemd counts the exit code as success")
          .contains(String.valueOf(exit));
    } finally {
      baton.destroyForcibly();
    }
  }
}
