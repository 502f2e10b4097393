package dev.baton.bootstrap.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.testsupport.postgres.TestPostgres;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as a newcomer meets it when something is wrong: every expected failure is one
 * line naming its cause and the setting at fault, no stack trace; a database that cannot be reached
 * yet is waited for, with the cause on {@code /readyz} and 503s from the views that need it.
 */
class FailuresNameTheirCauseIT {
  @RegisterExtension static final TestPostgres postgres = new TestPostgres();

  /** Generous: the process only starts a JVM and asks the database once. */
  private static final int EXIT_WITHIN_SECONDS = 20;

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @TempDir Path workDir;

  private record Ended(int exitCode, String stdout, String stderr, long millis) {}

  private Ended runToEnd(String name, Map<String, String> env, String... args) throws Exception {
    long started = System.nanoTime();
    try (BatonJar baton = BatonJar.start(workDir, name, env, args)) {
      assertThat(baton.process().waitFor(EXIT_WITHIN_SECONDS, TimeUnit.SECONDS))
          .as(name + " should end by itself: " + baton.logTail())
          .isTrue();
      long millis = (System.nanoTime() - started) / 1_000_000;
      System.out.println(
          name + ": exit " + baton.process().exitValue() + " after " + millis + " ms");
      return new Ended(baton.process().exitValue(), baton.stdout(), baton.stderr(), millis);
    }
  }

  private static String withDatabase(String url, String database) {
    return url.replace("/" + postgres.databaseName(), "/" + database);
  }

  private static String withUser(String url, String user) {
    return url.contains("user=")
        ? url.replaceAll("user=[^&]*", "user=" + user)
        : url + (url.contains("?") ? "&" : "?") + "user=" + user;
  }

  private static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void assertOneLine(Ended ended, String... parts) {
    assertThat(ended.stderr().strip().lines())
        .as(ended.stderr())
        .singleElement()
        .asString()
        .startsWith("baton: ")
        .contains(parts);
    assertThat(ended.stdout() + ended.stderr()).doesNotContain("\tat ", "Exception");
  }

  @Test
  void anUnknownDatabaseStopsServeWithOneLineAndThePasswordMasked() throws Exception {
    String url = withDatabase(postgres.jdbcUrl(), "baton_no_such_db") + "&password=hunter2";

    Ended ended = runToEnd("unknown-db", Map.of("BATON_DATABASE_URL", url));

    assertThat(ended.exitCode()).isEqualTo(2);
    assertOneLine(
        ended,
        "BATON_DATABASE_URL",
        "password=****",
        "FATAL: database \"baton_no_such_db\" does not exist",
        "SQLSTATE 3D000");
    assertThat(ended.stdout() + ended.stderr()).doesNotContain("hunter2");
  }

  @Test
  void anUnknownRoleStopsServeWithOneLineNamingTheUrl() throws Exception {
    Ended ended =
        runToEnd(
            "unknown-role",
            Map.of("BATON_DATABASE_URL", withUser(postgres.jdbcUrl(), "baton_no_such_role")));

    assertThat(ended.exitCode()).isEqualTo(2);
    assertOneLine(
        ended, "BATON_DATABASE_URL", "role \"baton_no_such_role\" does not exist", "SQLSTATE 28");
  }

  @Test
  void whileTheDatabaseCannotBeReachedServeWaitsAndSaysWhy() throws Exception {
    Map<String, String> env =
        Map.of(
            "BATON_DATABASE_URL", "jdbc:postgresql://127.0.0.1:" + closedPort() + "/baton?user=x");
    try (BatonJar baton = BatonJar.start(workDir, "unreachable", env)) {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  baton
                          .stdout()
                          .lines()
                          .filter(l -> l.contains("Database unreachable, retrying in"))
                          .count()
                      >= 3);

      HttpResponse<String> scheduler = get(baton, "/v1/scheduler");
      assertThat(scheduler.statusCode()).isEqualTo(200);
      assertThat(new ObjectMapper().readTree(scheduler.body()).get("role").asText())
          .isEqualTo("STOPPED");

      HttpResponse<String> ready = get(baton, "/readyz");
      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(new ObjectMapper().readTree(ready.body()).get("detail").asText())
          .startsWith("database unreachable: Connection to 127.0.0.1:")
          .contains("refused", "SQLSTATE 08001")
          .doesNotContain("\n", "Exception");

      for (String view : new String[] {"/v1/jobs", "/v1/scheduler/instances", "/v1/batches"}) {
        HttpResponse<String> answer = get(baton, view);
        assertThat(answer.statusCode()).as(view).isEqualTo(503);
        assertThat(answer.headers().firstValue("Content-Type"))
            .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = new ObjectMapper().readTree(answer.body());
        assertThat(problem.get("type").asText())
            .isEqualTo("https://baton.dev/problems/database-unavailable");
      }
      assertThat(baton.process().isAlive()).isTrue();
      assertThat(baton.stdout()).doesNotContain("\tat ", "Exception");
    }
  }

  /** {@code GET path}, which must answer within 2 s: nothing here may wait for the database. */
  private static HttpResponse<String> get(BatonJar baton, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + baton.port() + path))
            .timeout(Duration.ofSeconds(2))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theOneShotCommandsNameAnUnreachableDatabaseInOneLineWithExitCodeFour() throws Exception {
    String url = "jdbc:postgresql://127.0.0.1:" + closedPort() + "/baton?user=x";
    for (String command : new String[] {"status", "migrate", "poll-once"}) {
      Ended ended = runToEnd(command + "-unreachable", Map.of("BATON_DATABASE_URL", url), command);

      assertThat(ended.exitCode()).as(command).isEqualTo(4);
      assertThat(ended.stderr().strip().lines().filter(line -> line.startsWith("baton: ")))
          .as(command)
          .singleElement()
          .asString()
          .startsWith("baton: database unreachable (")
          .contains("refused");
      assertThat(ended.stderr()).as(command).doesNotContain("\tat ", "Exception");
    }
  }

  @Test
  void migrateAndStatusNameAnUnknownDatabaseWithExitCodeTwo() throws Exception {
    String url = withDatabase(postgres.jdbcUrl(), "baton_no_such_db");
    for (String command : new String[] {"migrate", "status"}) {
      Ended ended = runToEnd(command + "-unknown", Map.of("BATON_DATABASE_URL", url), command);

      assertThat(ended.exitCode()).as(command).isEqualTo(2);
      assertThat(ended.stderr().strip().lines().filter(line -> line.startsWith("baton: ")))
          .singleElement()
          .asString()
          .contains("BATON_DATABASE_URL", "\"baton_no_such_db\" does not exist");
      assertThat(ended.stderr()).doesNotContain("\tat ");
    }
  }

  @Test
  void anSqlitePathThatCannotBeCreatedStopsStartupWithOneLine() throws Exception {
    Path aFile = Files.writeString(workDir.resolve("not-a-directory"), "x");

    Ended ended =
        runToEnd(
            "sqlite-path",
            Map.of("BATON_DATABASE_URL", "jdbc:sqlite:" + aFile.resolve("baton.db")));

    assertThat(ended.exitCode()).isEqualTo(2);
    assertOneLine(ended, "BATON_DATABASE_URL", "cannot create the database directory " + aFile);
  }

  @Test
  void aMalformedHttpHostIsAConfigurationError() throws Exception {
    Ended ended = runToEnd("bad-host", Map.of("BATON_HTTP_HOST", "999.1.1.1"));

    assertThat(ended.exitCode()).isEqualTo(2);
    assertOneLine(ended, "BATON_HTTP_HOST", "'999.1.1.1' is not valid");
  }

  @Test
  void aWebhookUrlWithoutASecretIsAConfigurationError() throws Exception {
    Ended ended =
        runToEnd("webhook-no-secret", Map.of("BATON_WEBHOOK_URL", "https://hooks.example.com/b"));

    assertThat(ended.exitCode()).isEqualTo(2);
    assertOneLine(ended, "BATON_WEBHOOK_URL", "needs BATON_WEBHOOK_SECRET");
  }

  @Test
  void anHttpPortInUseIsNamed() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Map<String, String> env = new HashMap<>();
      env.put("BATON_HTTP_PORT", String.valueOf(taken.getLocalPort()));
      env.put("BATON_DATABASE_URL", "jdbc:sqlite:" + workDir.resolve("port.db"));

      Ended ended = runToEnd("port-in-use", env);

      assertThat(ended.exitCode()).isEqualTo(2);
      assertOneLine(ended, "BATON_HTTP_PORT", taken.getLocalPort() + " on 127.0.0.1 is in use");
    }
  }

  @Test
  void aBadLogLevelIsOneLineWithoutLogbackNoise() throws Exception {
    Ended ended =
        runToEnd("bad-level", Map.of("BATON_LOG_LEVEL", "loud", "BATON_LOG_FORMAT", "xml"));

    assertThat(ended.exitCode()).isEqualTo(2);
    assertThat(ended.stdout()).isEmpty();
    assertOneLine(ended, "BATON_LOG_FORMAT");
  }

  @Test
  void aNonLoopbackBindWithoutAReadOrAdminTokenRefusesToStart() throws Exception {
    Ended ended =
        runToEnd(
            "open-reads",
            Map.of(
                "BATON_HTTP_HOST",
                "0.0.0.0",
                "BATON_DATABASE_URL",
                "jdbc:sqlite:" + workDir.resolve("open.db")));

    assertThat(ended.exitCode()).isEqualTo(2);
    assertOneLine(
        ended,
        "BATON_HTTP_HOST: '0.0.0.0' is not a loopback address",
        "BATON_READ_TOKEN",
        "BATON_ADMIN_TOKEN");
    assertThat(Files.exists(workDir.resolve("open.db"))).as("nothing was started").isFalse();
  }
}
