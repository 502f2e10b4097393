package dev.baton.benchmarks.takeover;

import dev.baton.tcpproxy.TcpProxy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One {@code java -jar baton.jar serve} process, its HTTP port, its log file and the TCP proxy
 * through which it reaches PostgreSQL (its own, so one process can be cut off alone).
 */
final class BatonInstance {
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(1))
          .build();

  private final String name;
  private final Process process;
  private final int port;
  private final Path log;
  private final TcpProxy proxy;
  private volatile boolean exitExpected;
  private volatile boolean paused;
  private volatile String instanceId;

  BatonInstance(String name, Process process, int port, Path log, TcpProxy proxy) {
    this.name = name;
    this.process = process;
    this.port = port;
    this.log = log;
    this.proxy = proxy;
  }

  /** The harness's own name for the process, also its log file's name. */
  String name() {
    return name;
  }

  long pid() {
    return process.pid();
  }

  Path log() {
    return log;
  }

  /** Between this process and PostgreSQL; the faults of the cut-off and outage scenarios. */
  TcpProxy proxy() {
    return proxy;
  }

  /** Baton's instance id, once it has answered on HTTP. */
  Optional<String> instanceId() {
    return Optional.ofNullable(instanceId);
  }

  /** Shown in output: the instance id once known, the process name until then. */
  String label() {
    return instanceId == null ? name : instanceId;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  boolean exitExpected() {
    return exitExpected;
  }

  OptionalInt exitCode() {
    return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
  }

  /** SIGTERM: Baton's shutdown hook drains the jobs and releases the lock cleanly. */
  void terminate() {
    exitExpected = true;
    process.destroy();
  }

  /** SIGKILL: no release, no drain; PostgreSQL ends the sessions when the sockets close. */
  void kill() {
    exitExpected = true;
    process.destroyForcibly();
  }

  /** SIGSTOP: the process freezes as in a long GC pause; its sockets stay open. */
  void pause() throws IOException, InterruptedException {
    signal("STOP");
    paused = true;
  }

  /** SIGCONT, when paused: the process goes on where it stopped, unaware of the time lost. */
  void resume() throws IOException, InterruptedException {
    if (paused && process.isAlive()) {
      signal("CONT");
    }
    paused = false;
  }

  /** There is no signal API in the JDK beyond TERM and KILL; {@code kill(1)} is on every Unix. */
  private void signal(String signal) throws IOException, InterruptedException {
    Process kill =
        new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid()))
            .redirectErrorStream(true)
            .start();
    String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (kill.waitFor() != 0) {
      throw new IOException("kill -" + signal + " " + process.pid() + " failed: " + output.strip());
    }
  }

  boolean awaitExit(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  /** The scheduler's state, or an exception while the process does not answer. */
  SchedulerView scheduler() throws IOException, InterruptedException {
    SchedulerView view = SchedulerView.parse(get("/v1/scheduler"));
    instanceId = view.instanceId();
    return view;
  }

  /**
   * A counter from {@code GET /metrics}, summed over its label sets; 0 when the registry has not
   * created it yet.
   */
  double counter(String name) throws IOException, InterruptedException {
    return PrometheusText.sum(get("/metrics"), name);
  }

  /** The body of a 200 answer to {@code GET path}. */
  private String get(String path) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(2))
            .GET()
            .build();
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(name + " answered " + response.statusCode() + " on " + path);
    }
    return response.body();
  }

  List<String> logLines() throws IOException {
    if (!Files.exists(log)) {
      return List.of();
    }
    // Decoded leniently: the process may be writing the last line right now.
    return new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
  }

  /** The end of the log, for a report about a process that did something unexpected. */
  List<String> logTail(int count) {
    try {
      List<String> lines = logLines();
      return lines.subList(Math.max(0, lines.size() - count), lines.size());
    } catch (IOException e) {
      return List.of("(log unreadable: " + e.getMessage() + ")");
    }
  }

  @Override
  public String toString() {
    return label() + " (pid " + pid() + ", port " + port + ")";
  }
}
