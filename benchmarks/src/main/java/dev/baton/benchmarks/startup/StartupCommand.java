package dev.baton.benchmarks.startup;

import dev.baton.benchmarks.JsonOption;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code startup}: how long {@code java -jar baton.jar} takes to answer {@code /readyz} with 200 on
 * SQLite, first on a fresh database, then restarted on the existing one, and its resident memory
 * once ready.
 */
@Command(
    name = "startup",
    mixinStandardHelpOptions = true,
    description = {
      "Starts baton.jar on SQLite, first on a fresh database, then restarts it on the existing one,"
          + " and measures the time from process start to /readyz 200 and the resident memory"
          + " once ready.",
      "Figures are printed, not asserted. Exit 0: it ran; 2: bad arguments; 3: the benchmark"
          + " could not run."
    })
public final class StartupCommand implements Callable<Integer> {
  static final int CANNOT_RUN = 3;
  private static final Duration READY_WITHIN = Duration.ofSeconds(60);
  private static final Duration STOP_WITHIN = Duration.ofSeconds(30);
  private static final Duration POLL_EVERY = Duration.ofMillis(10);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--restarts",
      defaultValue = "10",
      description = "Restarts on the existing database, 1 to 100 (default: ${DEFAULT-VALUE}).")
  int restarts;

  @Option(
      names = "--jar",
      defaultValue = "bootstrap/target/baton.jar",
      description = "The jar to start (default: ${DEFAULT-VALUE}).")
  Path jar;

  @Option(
      names = "--java-option",
      description =
          "An option for the JVM of each start, e.g. -Xshare:off; repeat it for more (default:"
              + " none, as a user starts Baton).")
  List<String> javaOptions = new ArrayList<>();

  @Option(
      names = "--keep-logs",
      description = "Keep the processes' logs and the database directory.")
  boolean keepLogs;

  @CommandLine.Mixin JsonOption json;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  @Override
  public Integer call() throws Exception {
    if (restarts < 1 || restarts > 100) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--restarts must be 1 to 100: " + restarts);
    }
    if (!Files.isRegularFile(jar)) {
      System.err.println("startup: no jar at " + jar.toAbsolutePath() + "; build it first");
      return CANNOT_RUN;
    }
    PrintStream progress = System.err;
    Clock clock = Clock.systemUTC();
    StartupReport.Run run =
        new StartupReport.Run(
            clock.instant(),
            jar.toAbsolutePath().toString(),
            Files.size(jar),
            List.copyOf(javaOptions),
            Runtime.getRuntime().availableProcessors(),
            System.getProperty("java.version"),
            loadAverage());
    Path directory = Files.createTempDirectory("baton-startup-");
    try {
      Path database = directory.resolve("baton.db");
      StartupReport.Start fresh = start(directory, database, "fresh");
      progress.println("[fresh database] " + fresh.line());
      List<StartupReport.Start> measured = new ArrayList<>();
      for (int number = 1; number <= restarts; number++) {
        StartupReport.Start restart = start(directory, database, "restart-" + number);
        measured.add(restart);
        progress.println("[restart " + number + "/" + restarts + "] " + restart.line());
      }
      StartupReport report = new StartupReport(run, fresh, measured, loadAverage());
      System.out.print(report.markdown());
      System.out.flush();
      json.write(report::json, progress);
      return 0;
    } catch (StartFailed e) {
      progress.println("startup: " + e.getMessage());
      return CANNOT_RUN;
    } finally {
      if (keepLogs) {
        progress.println("Logs and database kept in " + directory);
      } else {
        deleteRecursively(directory);
      }
    }
  }

  /** One process: started, timed to {@code /readyz} 200, measured, stopped with SIGTERM. */
  private StartupReport.Start start(Path directory, Path database, String name)
      throws IOException, InterruptedException, StartFailed {
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(javaOptions);
    command.add("-jar");
    command.add(jar.toAbsolutePath().toString());
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(key -> key.startsWith("BATON_"));
    environment.put("BATON_DATABASE_URL", "jdbc:sqlite:" + database);
    environment.put("BATON_HTTP_PORT", Integer.toString(port));
    Path log = directory.resolve(name + ".log");
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    URI readyz = URI.create("http://127.0.0.1:" + port + "/readyz");

    long started = System.nanoTime();
    Process process = builder.start();
    try {
      long deadline = started + READY_WITHIN.toNanos();
      while (!ready(readyz)) {
        if (!process.isAlive()) {
          throw new StartFailed(
              name
                  + ": baton.jar exited with "
                  + process.exitValue()
                  + " before ready; see "
                  + log);
        }
        if (System.nanoTime() > deadline) {
          throw new StartFailed(name + ": not ready within " + READY_WITHIN + "; see " + log);
        }
        Thread.sleep(POLL_EVERY.toMillis());
      }
      double readyMs = (System.nanoTime() - started) / 1e6;
      OptionalLong rss = residentKilobytes(process.pid());
      OptionalLong cpu = cpuMillis(process);
      return new StartupReport.Start(readyMs, rss, cpu);
    } finally {
      process.destroy();
      if (!process.waitFor(STOP_WITHIN.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  private boolean ready(URI readyz) throws InterruptedException {
    try {
      return http.send(
                  HttpRequest.newBuilder(readyz).timeout(Duration.ofSeconds(2)).build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException notListeningYet) {
      return false;
    }
  }

  /** {@code VmRSS} of {@code /proc/<pid>/status}; empty where there is no such file. */
  static OptionalLong residentKilobytes(long pid) {
    Path status = Path.of("/proc", Long.toString(pid), "status");
    try (Stream<String> lines = Files.lines(status)) {
      return lines
          .filter(line -> line.startsWith("VmRSS:"))
          .map(line -> line.replaceAll("[^0-9]", ""))
          .mapToLong(Long::parseLong)
          .findFirst();
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }

  /** User and system time the process used so far, where the system tells. */
  static OptionalLong cpuMillis(Process process) {
    return process
        .info()
        .totalCpuDuration()
        .map(duration -> OptionalLong.of(duration.toMillis()))
        .orElse(OptionalLong.empty());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** The one-minute load average, or -1 where the system does not tell. */
  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static void deleteRecursively(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private static final class StartFailed extends Exception {
    private static final long serialVersionUID = 1L;

    StartFailed(String message) {
      super(message);
    }
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "startup[%d restarts of %s]", restarts, jar);
  }
}
