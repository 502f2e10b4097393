package dev.baton.bootstrap.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.bootstrap.process.DocumentedCommands.Command;
import dev.baton.bootstrap.process.DocumentedCommands.Page;
import dev.baton.bootstrap.process.DocumentedCommands.SqlBlock;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command README.md and docs/ show is run here as written, or by {@code .ci/run}, so that a
 * newcomer who types them meets no surprise. Each page is a session, as a reader at a terminal
 * would have it: in a scratch directory that holds the jars where the page says they are, with the
 * page's {@code export}s kept, {@code &} starting a background process, and a {@code java -jar …
 * baton.jar} without a one-shot command starting a server that the session waits for and stops with
 * SIGTERM at the end. The one thing changed is the HTTP ports: each port the page uses (8080, 8081,
 * ...) is swapped for a free one, since other builds may run on this machine. A command that talks
 * to a port before the page starts a server there finds Baton started on it as README.md says
 * (SQLite, {@code BATON_ADMIN_TOKEN} set).
 *
 * <p>The {@code sql} blocks run, with {@code psql}, in the database of README.md's cluster while
 * its instances are up. Maven commands and the benchmarks' are {@code .ci/run}'s; the test checks
 * each is a line of it. The PostgreSQL commands need the server on 127.0.0.1:5432 with the
 * superuser {@code postgres}, as the README assumes.
 */
class DocumentedCommandsIT {
  private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
  private static final String LOCAL_POSTGRES =
      "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

  /** README.md's cluster example creates these; the test drops them again. */
  private static final String CLUSTER_NAME = "baton";

  private static final String MARK = "created by DocumentedCommandsIT; dropped when it ends";

  /** Serializes this test across builds that share the PostgreSQL server. */
  private static final long SESSION_LOCK = 0x62617430_646f6373L;

  private static final String WARM_UP_LIST =
      "regenerates a source file of the repository from a start that is ended by hand;"
          + " StartupWarmUpTest fails when the list names a class the build no longer has";

  /** Documented commands not run in the build, and why. Each must still be in the docs. */
  private static final Map<String, String> NOT_RUN =
      Map.of(
          "java -jar benchmarks/target/baton-benchmarks.jar takeover",
          "the full failover benchmark needs a quiet machine and about eight minutes;"
              + " TakeoverGuardIT runs it with --rounds 2 inside mvn -B verify",
          "java -jar benchmarks/target/baton-benchmarks.jar poll-throughput --batches 100000"
              + " --latency-ms 100 --cycles 1 --warm-up-cycles 0",
          "one cycle over 100 000 batches takes over ten minutes; .ci/run runs poll-throughput"
              + " with its defaults",
          "cp bootstrap/target/baton.jar /tmp/baton-no-list.jar",
          WARM_UP_LIST,
          "zip -q -d /tmp/baton-no-list.jar dev/baton/bootstrap/startup-classes.txt",
          WARM_UP_LIST,
          "java -Xlog:class+load:file=/tmp/classes.log -jar /tmp/baton-no-list.jar"
              + " # Ctrl-C once ready",
          WARM_UP_LIST,
          "grep 'source: file:.*baton-no-list.jar' /tmp/classes.log | awk '{print $2}'"
              + " | grep -v -e '\\$\\$Lambda' -e '^dev\\.baton\\.bootstrap\\.Main$'"
              + " -e '^dev\\.baton\\.bootstrap\\.StartupWarmUp'"
              + " > bootstrap/src/main/resources/dev/baton/bootstrap/startup-classes.txt",
          WARM_UP_LIST);

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final Pattern PORT = Pattern.compile("(?<=[:=])(80[89]\\d)\\b");
  private static final Pattern ASSIGNED_PORT = Pattern.compile("BATON_HTTP_PORT=(\\d+)");

  private static Connection admin;

  @TempDir static Path scratch;

  @BeforeAll
  static void lockTheServerAndCheckTheNamesAreFree() throws Exception {
    try (Socket probe = new Socket("127.0.0.1", 5432)) {
      assertThat(probe.isConnected()).isTrue();
    } catch (IOException e) {
      fail(
          "README.md's cluster example runs against PostgreSQL on 127.0.0.1:5432 with the"
              + " superuser postgres, and none answers there: "
              + e.getMessage());
    }
    admin = DriverManager.getConnection(LOCAL_POSTGRES);
    try (Statement statement = admin.createStatement()) {
      statement.execute("select pg_advisory_lock(" + SESSION_LOCK + ")");
    }
    dropLeftoversOfAnEarlierRun();
  }

  @AfterAll
  static void dropTheClusterAndUnlock() throws Exception {
    if (admin == null) {
      return;
    }
    try {
      dropLeftoversOfAnEarlierRun();
    } finally {
      admin.close();
    }
  }

  /** Drops the README's role and database when this test made them; refuses to touch others. */
  private static void dropLeftoversOfAnEarlierRun() throws SQLException {
    String database =
        comment("select shobj_description(oid, 'pg_database') from pg_database where datname = ?");
    String role =
        comment("select shobj_description(oid, 'pg_authid') from pg_roles where rolname = ?");
    for (String[] found : new String[][] {{"database", database}, {"role", role}}) {
      if (found[1] != null && !found[1].equals(MARK)) {
        fail(
            "a PostgreSQL "
                + found[0]
                + " named '"
                + CLUSTER_NAME
                + "' exists on 127.0.0.1:5432 that this test did not create; README.md's cluster"
                + " example would collide with it. Drop it, or run the tests on another machine.");
      }
    }
    try (Statement statement = admin.createStatement()) {
      if (database != null) {
        statement.execute("drop database " + CLUSTER_NAME + " with (force)");
      }
      if (role != null) {
        statement.execute("drop role " + CLUSTER_NAME);
      }
    }
  }

  /** The object's comment: null when it does not exist, "" when it has none. */
  private static String comment(String query) throws SQLException {
    try (var statement = admin.prepareStatement(query)) {
      statement.setString(1, CLUSTER_NAME);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? (rows.getString(1) == null ? "" : rows.getString(1)) : null;
      }
    }
  }

  private static List<Path> pages() throws IOException {
    List<Path> pages = new ArrayList<>();
    pages.add(REPOSITORY.resolve("README.md"));
    try (Stream<Path> docs = Files.walk(REPOSITORY.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages;
  }

  private static Set<String> ciLines() throws IOException {
    Set<String> lines = new LinkedHashSet<>();
    for (String line : Files.readAllLines(REPOSITORY.resolve(".ci/run"))) {
      lines.add(line.strip());
    }
    return lines;
  }

  @Test
  void everyDocumentedCommandRunsAsWritten() throws Exception {
    Set<String> ci = ciLines();
    Set<String> notRunSeen = new LinkedHashSet<>();
    List<SqlBlock> sql = new ArrayList<>();
    List<Page> pages = new ArrayList<>();
    for (Path page : pages()) {
      Page read = DocumentedCommands.read(page);
      pages.add(read);
      sql.addAll(read.sql());
    }
    int ran = 0;
    try (Session readme = new Session("README.md")) {
      ran += readme.runAll(pages.get(0).commands(), ci, notRunSeen);
      assertThat(readme.madeTheCluster).as("README.md shows how to make the cluster").isTrue();
      for (SqlBlock block : sql) {
        readme.runSql(block);
      }
    }
    for (int i = 1; i < pages.size(); i++) {
      List<Command> commands = pages.get(i).commands();
      if (commands.isEmpty()) {
        continue;
      }
      try (Session session = new Session(commands.get(0).page().getFileName().toString())) {
        ran += session.runAll(commands, ci, notRunSeen);
      }
    }
    assertThat(notRunSeen)
        .as("every command left out of the build is still documented")
        .containsExactlyInAnyOrderElementsOf(NOT_RUN.keySet());
    System.out.println(
        "Ran " + ran + " documented commands and " + sql.size() + " SQL blocks as written");
  }

  /** One page's terminal: its environment, its servers, its ports. */
  private final class Session implements AutoCloseable {
    private final Path directory;
    private final Map<String, String> environment = new HashMap<>();
    private final Map<Integer, Integer> ports = new LinkedHashMap<>();
    private final Map<Integer, Process> servers = new LinkedHashMap<>();
    private int outputs;
    boolean madeTheCluster;

    Session(String name) throws IOException {
      directory = Files.createDirectories(scratch.resolve(name.replace('.', '-')));
      Path jar = BatonJar.jar();
      Files.createDirectories(directory.resolve("bootstrap/target"));
      Files.createSymbolicLink(directory.resolve("bootstrap/target/baton.jar"), jar);
      Files.createSymbolicLink(directory.resolve("baton.jar"), jar);
      environment.putAll(System.getenv());
      environment.keySet().removeIf(key -> key.startsWith("BATON_"));
      environment.put("BATON_ADMIN_TOKEN", "docs-" + UUID.randomUUID());
    }

    int runAll(List<Command> commands, Set<String> ci, Set<String> notRunSeen) throws Exception {
      int ran = 0;
      for (Command command : commands) {
        String text = command.text();
        if (NOT_RUN.containsKey(text)) {
          notRunSeen.add(text);
          continue;
        }
        if (text.startsWith("mvn ") || text.contains("baton-benchmarks.jar")) {
          assertThat(ci)
              .as(command.where() + ": '" + text + "' is run by .ci/run as written")
              .contains(text);
          continue;
        }
        run(command);
        ran++;
      }
      return ran;
    }

    private void run(Command command) throws Exception {
      String text = command.text();
      if (text.startsWith("export ")) {
        export(text.substring("export ".length()));
        return;
      }
      boolean background = text.endsWith("&");
      String written = background ? text.substring(0, text.length() - 1).strip() : text;
      String line = withFreePorts(written);
      if (isServer(written)) {
        startServer(command, written, line);
        return;
      }
      if (background) {
        fail(command.where() + ": only servers are started in the background: " + text);
      }
      serversForThePortsOf(line);
      Result result = runToEnd(line, Duration.ofMinutes(3));
      assertThat(result.exitCode())
          .as(command.where() + ": '" + text + "' exits 0\n" + result.output())
          .isZero();
      if (written.startsWith("curl ")) {
        assertNoErrorAnswer(command, result.stdout());
      }
      if (written.startsWith("psql ") && written.contains("CREATE DATABASE " + CLUSTER_NAME)) {
        markTheCluster();
      }
    }

    private void export(String assignments) {
      Matcher assignment =
          Pattern.compile("([A-Z_][A-Z0-9_]*)=('([^']*)'|\"([^\"]*)\"|(\\S*))")
              .matcher(assignments);
      while (assignment.find()) {
        String value =
            assignment.group(3) != null
                ? assignment.group(3)
                : assignment.group(4) != null ? assignment.group(4) : assignment.group(5);
        environment.put(assignment.group(1), withFreePorts(value));
      }
    }

    private void markTheCluster() throws SQLException {
      try (Statement statement = admin.createStatement()) {
        statement.execute("comment on database " + CLUSTER_NAME + " is '" + MARK + "'");
        statement.execute("comment on role " + CLUSTER_NAME + " is '" + MARK + "'");
      }
      madeTheCluster = true;
    }

    /** {@code java -jar …baton.jar}, or with {@code serve}: Baton runs until stopped. */
    private boolean isServer(String text) {
      return text.matches("^(?:[A-Z_][A-Z0-9_]*=\\S*\\s+)*java -jar \\S*baton\\.jar(?: serve)?$");
    }

    private int freePortFor(int documented) {
      return ports.computeIfAbsent(
          documented,
          port -> {
            try {
              return BatonJar.freePort();
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          });
    }

    private String withFreePorts(String text) {
      Matcher port = PORT.matcher(text);
      StringBuilder swapped = new StringBuilder();
      while (port.find()) {
        port.appendReplacement(
            swapped, String.valueOf(freePortFor(Integer.parseInt(port.group(1)))));
      }
      port.appendTail(swapped);
      return swapped.toString();
    }

    private void startServer(Command command, String written, String line) throws Exception {
      Matcher assigned = ASSIGNED_PORT.matcher(written);
      int documented = assigned.find() ? Integer.parseInt(assigned.group(1)) : 8080;
      Map<String, String> env = new HashMap<>(environment);
      env.putIfAbsent("BATON_HTTP_PORT", String.valueOf(freePortFor(documented)));
      int port = freePortFor(documented);
      if (servers.containsKey(port)) {
        return;
      }
      Process server = start(line, env);
      servers.put(port, server);
      awaitReady(command.where() + ": '" + written + "'", server, port);
    }

    /** A command reaches a port before the page starts Baton there: start it as README.md says. */
    private void serversForThePortsOf(String line) throws Exception {
      for (Map.Entry<Integer, Integer> mapped : ports.entrySet()) {
        int port = mapped.getValue();
        if (line.contains(":" + port) && !servers.containsKey(port)) {
          Map<String, String> env = new HashMap<>(environment);
          env.put("BATON_HTTP_PORT", String.valueOf(port));
          Process server = start("java -jar bootstrap/target/baton.jar", env);
          servers.put(port, server);
          awaitReady("Baton on port " + mapped.getKey(), server, port);
        }
      }
    }

    private Process start(String line, Map<String, String> env) throws IOException {
      Path output = directory.resolve("server-" + (++outputs) + ".out");
      ProcessBuilder builder =
          new ProcessBuilder("bash", "-c", line)
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile());
      builder.environment().clear();
      builder.environment().putAll(env);
      return builder.start();
    }

    private void awaitReady(String what, Process server, int port) {
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                if (!server.isAlive()) {
                  fail(what + " ended with exit code " + server.exitValue());
                }
                return status("http://127.0.0.1:" + port + "/readyz") == 200;
              });
    }

    private int status(String url) {
      try {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.discarding())
            .statusCode();
      } catch (IOException e) {
        return -1;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return -1;
      }
    }

    private record Result(int exitCode, String stdout, String output) {}

    private Result runToEnd(String line, Duration within) throws Exception {
      int n = ++outputs;
      Path stdout = directory.resolve("command-" + n + ".out");
      Path stderr = directory.resolve("command-" + n + ".err");
      ProcessBuilder builder =
          new ProcessBuilder("bash", "-c", line)
              .directory(directory.toFile())
              .redirectOutput(stdout.toFile())
              .redirectError(stderr.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
      builder.environment().clear();
      builder.environment().putAll(environment);
      Process process = builder.start();
      if (!process.waitFor(within.toSeconds(), TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        fail("'" + line + "' did not end within " + within);
      }
      String out = Files.readString(stdout, StandardCharsets.UTF_8);
      String err = Files.readString(stderr, StandardCharsets.UTF_8);
      return new Result(process.exitValue(), out, tail(out + err));
    }

    private java.io.File nullDevice() {
      return new java.io.File("/dev/null"); // no reader at the keyboard
    }

    private String tail(String output) {
      List<String> lines = output.lines().toList();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** curl exits 0 on any answer: an error answer is a problem document with its status. */
    private void assertNoErrorAnswer(Command command, String body) {
      JsonNode answer;
      try {
        answer = new ObjectMapper().readTree(body);
      } catch (IOException notJson) {
        return;
      }
      if (answer != null && answer.path("status").isNumber()) {
        assertThat(answer.get("status").asInt())
            .as(command.where() + ": '" + command.text() + "' answered " + body)
            .isLessThan(400);
      }
    }

    /**
     * A {@code sql} block as an operator runs it: psql, in Baton's database, stopping at an error.
     */
    void runSql(SqlBlock block) throws Exception {
      Path file = directory.resolve("block-" + (++outputs) + ".sql");
      Files.writeString(file, block.sql(), StandardCharsets.UTF_8);
      Result result =
          runToEnd(
              "psql -h 127.0.0.1 -U postgres -d "
                  + CLUSTER_NAME
                  + " -v ON_ERROR_STOP=1 -q -f "
                  + file,
              Duration.ofMinutes(1));
      assertThat(result.exitCode())
          .as(
              block.page().getFileName()
                  + ":"
                  + block.line()
                  + ": the SQL runs\n"
                  + result.output())
          .isZero();
    }

    /** SIGTERM to every server, as Ctrl-C would; each stops cleanly. */
    @Override
    public void close() throws Exception {
      List<String> problems = new ArrayList<>();
      for (Map.Entry<Integer, Process> server : servers.entrySet()) {
        Process process = server.getValue();
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly();
          problems.add("the server on port " + server.getKey() + " did not stop within 60 s");
        } else if (process.exitValue() != 0 && process.exitValue() != 143) {
          problems.add(
              "the server on port " + server.getKey() + " exited with " + process.exitValue());
        }
      }
      assertThat(problems).isEmpty();
    }
  }
}
