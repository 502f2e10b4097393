package dev.baton.benchmarks.takeover;

import dev.baton.benchmarks.JsonOption;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code takeover}: real {@code baton.jar} processes on a fresh database; each round stops the
 * leader one way and measures how long until the next leader's jobs start.
 */
@Command(
    name = "takeover",
    mixinStandardHelpOptions = true,
    description = {
      "Measures leader takeover with real baton.jar processes on a fresh PostgreSQL database.",
      "Exit 0: every round completed and no invariant was violated; 1: otherwise;"
          + " 2: bad arguments; 3: the benchmark could not run."
    })
public final class TakeoverCommand implements Callable<Integer> {
  static final int VIOLATIONS = 1;
  static final int CANNOT_RUN = 3;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--rounds",
      defaultValue = "10",
      description = "Rounds per scenario, 1 to 1000 (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(
      names = "--instances",
      defaultValue = "3",
      description = "baton.jar processes, 2 to 8 (default: ${DEFAULT-VALUE}).")
  int instances;

  @Option(
      names = "--scenario",
      defaultValue = "all",
      description =
          "all, or some of sigterm, sigkill, terminate-backend, cut-off, outage, pause separated"
              + " by commas; run in that order (default: ${DEFAULT-VALUE}).")
  String scenario;

  @Option(
      names = "--jar",
      defaultValue = "bootstrap/target/baton.jar",
      description = "The Baton jar to run (default: ${DEFAULT-VALUE}).")
  Path jar;

  @CommandLine.Mixin PostgresServerOption postgres;

  @CommandLine.Mixin JsonOption json;

  @Option(
      names = "--timelines",
      defaultValue = "target",
      description =
          "Directory for the PNG timelines, takeover-<scenario>.png, one round each (default:"
              + " ${DEFAULT-VALUE}).")
  Path timelines;

  @Option(
      names = "--cut-off-drop-after-ms",
      defaultValue = "5000",
      description =
          "cut-off: how long the leader is blackholed before the proxy closes its server sides,"
              + " as PostgreSQL's keepalive would (default: ${DEFAULT-VALUE}).")
  long cutOffDropAfterMs;

  @Option(
      names = "--outage-ms",
      defaultValue = "3000",
      description =
          "outage: how long new connections are refused after all are reset (default:"
              + " ${DEFAULT-VALUE}).")
  long outageMs;

  @Option(
      names = "--probe-interval-ms",
      defaultValue = "200",
      description = "BATON_PROBE_JOB_INTERVAL_MS of the processes (default: ${DEFAULT-VALUE}).")
  long probeIntervalMs;

  @Option(
      names = "--time-limit-minutes",
      defaultValue = "30",
      description =
          "No round starts after this; the rounds run so far are reported (default:"
              + " ${DEFAULT-VALUE}).")
  long timeLimitMinutes;

  @Option(
      names = "--keep-logs",
      description = "Keep the processes' logs; they are kept anyway when a round fails.")
  boolean keepLogs;

  private final AtomicBoolean cleanedUp = new AtomicBoolean();
  private volatile BatonCluster cluster;
  private volatile BenchDatabase database;
  private volatile Path logDir;
  private volatile boolean logsNeeded;

  @Override
  public Integer call() throws Exception {
    List<Scenario> scenarios = validate();
    LocalPostgresUrl server = postgres.server();
    PrintStream progress = System.err;
    Clock clock = Clock.systemUTC();
    Instant startedAt = clock.instant();
    Instant stopStartingRoundsAt = startedAt.plus(Duration.ofMinutes(timeLimitMinutes));

    Thread hook = new Thread(() -> cleanUp(true), "baton-benchmarks-cleanup");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      logDir = Files.createTempDirectory("baton-takeover-");
      try {
        database = BenchDatabase.createFresh(server);
      } catch (SQLException e) {
        progress.println("takeover: cannot create a database on " + server + ": " + e.getMessage());
        return CANNOT_RUN;
      }
      String postgresVersion = database.serverVersion();
      cluster =
          new BatonCluster(
              jar,
              logDir,
              database.url(),
              Map.of(
                  "BATON_PROBE_JOB_INTERVAL_MS",
                  String.valueOf(probeIntervalMs),
                  "BATON_LOG_FORMAT",
                  "text"),
              instances,
              // the first processes, one replacement per killed leader, a few crashes
              instances + rounds * scenarios.size() + 4);
      progress.printf(
          "Database %s on PostgreSQL %s; starting %d processes of %s (logs in %s)%n",
          database.name(), postgresVersion, instances, jar, logDir);

      TakeoverRounds takeover =
          new TakeoverRounds(
              cluster,
              database,
              clock,
              new TakeoverRounds.Settings(
                  Duration.ofMillis(probeIntervalMs),
                  Duration.ofMillis(cutOffDropAfterMs),
                  Duration.ofMillis(outageMs)));
      TakeoverRounds.Steady first;
      try {
        first = takeover.start();
      } catch (RoundFailure e) {
        progress.println("takeover: the cluster did not start: " + e.getMessage());
        logsNeeded = true;
        return CANNOT_RUN;
      }
      progress.printf(
          "Steady after %.1f s: %s leads term %d%n",
          Round.millis(startedAt, clock.instant()) / 1000, first.leaderId(), first.term());

      Ran ran = runRounds(takeover, scenarios, clock, stopStartingRoundsAt, progress);
      TakeoverReport report =
          new TakeoverReport(
              new TakeoverReport.Run(
                  startedAt,
                  clock.instant(),
                  instances,
                  Duration.ofMillis(probeIntervalMs),
                  postgresVersion,
                  Runtime.getRuntime().availableProcessors(),
                  System.getProperty("java.version"),
                  System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                  ran.timeLimitReached()),
              ran.summaries());
      System.out.print(report.markdown());
      System.out.flush();
      json.write(report::json, progress);
      writeTimelines(ran.summaries(), progress);
      logsNeeded = !report.clean();
      return report.clean() ? 0 : VIOLATIONS;
    } finally {
      cleanUp(false);
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // The JVM is already shutting down; the hook found everything cleaned up.
      }
    }
  }

  private record Ran(List<ScenarioSummary> summaries, boolean timeLimitReached) {}

  /** Every scenario's rounds in turn, until the time limit or a cluster that stays unsteady. */
  private Ran runRounds(
      TakeoverRounds takeover,
      List<Scenario> scenarios,
      Clock clock,
      Instant stopStartingRoundsAt,
      PrintStream progress)
      throws InterruptedException {
    List<ScenarioSummary> summaries = new ArrayList<>();
    boolean timeLimitReached = false;
    boolean broken = false;
    for (Scenario current : scenarios) {
      List<RoundResult> results = new ArrayList<>();
      for (int round = 1; round <= rounds && !broken; round++) {
        if (clock.instant().isAfter(stopStartingRoundsAt)) {
          timeLimitReached = true;
          break;
        }
        TakeoverRounds.Outcome outcome = takeover.run(current, round);
        results.add(outcome.result());
        progress.println(progressLine(outcome.result(), rounds));
        broken = !outcome.clusterSteady();
      }
      summaries.add(ScenarioSummary.of(current, rounds, results));
    }
    if (broken) {
      progress.println("takeover: the cluster stayed unsteady; no further round was run");
    }
    return new Ran(summaries, timeLimitReached);
  }

  private List<Scenario> validate() {
    if (rounds < 1 || rounds > 1000) {
      throw usage("--rounds must be 1 to 1000: " + rounds);
    }
    if (instances < 2 || instances > 8) {
      throw usage("--instances must be 2 to 8: " + instances);
    }
    if (cutOffDropAfterMs < 0 || cutOffDropAfterMs > 60_000) {
      throw usage("--cut-off-drop-after-ms must be 0 to 60000: " + cutOffDropAfterMs);
    }
    if (outageMs < 0 || outageMs > 60_000) {
      throw usage("--outage-ms must be 0 to 60000: " + outageMs);
    }
    if (probeIntervalMs < 10 || probeIntervalMs > 60_000) {
      throw usage("--probe-interval-ms must be 10 to 60000: " + probeIntervalMs);
    }
    if (timeLimitMinutes < 1) {
      throw usage("--time-limit-minutes must be at least 1: " + timeLimitMinutes);
    }
    if (!Files.isRegularFile(jar)) {
      throw usage(
          "no jar at "
              + jar.toAbsolutePath()
              + " (build it: mvn -B -q -DskipTests package, or pass --jar)");
    }
    postgres.server();
    try {
      return Scenario.parse(scenario);
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }

  static String progressLine(RoundResult result, int rounds) {
    RoundResult.Handover handover = result.handover();
    RoundResult.Timings timings = result.timings();
    StringBuilder line =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "[%s %d/%d] %s (term %s) -> %s (term %s): takeover %s ms, run gap - interval %s ms",
                result.scenario().cliName(),
                result.round(),
                rounds,
                handover.oldLeader(),
                handover.oldTerm(),
                handover.newLeader(),
                handover.newTerm(),
                timings.takeoverMs() == null ? "?" : TakeoverReport.ms(timings.takeoverMs()),
                timings.runGapMs() == null ? "?" : TakeoverReport.ms(timings.runGapMs())));
    if (handover.abandonedRuns() > 0) {
      line.append(", ").append(handover.abandonedRuns()).append(" run(s) abandoned");
    }
    if (timings.oldLeaderStoppedMs() != null) {
      line.append(", old leader stopped after ")
          .append(TakeoverReport.ms(timings.oldLeaderStoppedMs()))
          .append(" ms");
    }
    if (timings.takeoverAfterDropMs() != null) {
      line.append(", ")
          .append(TakeoverReport.ms(timings.takeoverAfterDropMs()))
          .append(" ms after the drop");
    }
    if (timings.lockHolderAfterBackMs() != null) {
      line.append(", lock holder ")
          .append(TakeoverReport.ms(timings.lockHolderAfterBackMs()))
          .append(" ms after the database was back");
    }
    if (handover.fencedWrites() != null && handover.fencedWrites() > 0) {
      line.append(", ").append(handover.fencedWrites()).append(" write(s) fenced");
    }
    result
        .failure()
        .ifPresent(why -> line.append(System.lineSeparator()).append("  FAILED: ").append(why));
    result
        .problems()
        .forEach(problem -> line.append(System.lineSeparator()).append("  ! ").append(problem));
    return line.toString();
  }

  /**
   * One PNG per scenario: the completed round whose takeover is nearest the median. The pictures
   * come after the figures; a machine that cannot draw (no fonts) loses only them.
   */
  private void writeTimelines(List<ScenarioSummary> summaries, PrintStream progress) {
    for (ScenarioSummary summary : summaries) {
      Optional<Timeline> typical = summary.typicalTimeline();
      if (typical.isEmpty()) {
        continue;
      }
      Path png =
          timelines.toAbsolutePath().resolve("takeover-" + summary.scenario().cliName() + ".png");
      try {
        TimelineChart.write(typical.get(), png);
        progress.println("Timeline written to " + png);
      } catch (IOException | RuntimeException | LinkageError | InternalError e) {
        progress.println("takeover: cannot draw " + png + ": " + e);
      }
    }
  }

  /**
   * Kills every process and drops the database; the logs go too unless asked for or needed. Runs
   * once, from the end of {@link #call()} or from the shutdown hook on Ctrl-C, whichever is first.
   */
  private void cleanUp(boolean fromHook) {
    if (!cleanedUp.compareAndSet(false, true)) {
      return;
    }
    PrintStream err = System.err;
    if (fromHook) {
      err.println("takeover: interrupted; stopping the processes and dropping the database");
    }
    if (cluster != null) {
      cluster.close();
    }
    if (database != null) {
      try {
        database.close();
      } catch (SQLException e) {
        err.println("takeover: could not drop database " + database.name() + ": " + e.getMessage());
      }
    }
    if (logDir != null) {
      if (keepLogs || logsNeeded) {
        err.println("Logs kept in " + logDir);
      } else {
        deleteQuietly(logDir);
      }
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              path -> {
                try {
                  Files.deleteIfExists(path);
                } catch (IOException e) {
                  // Best effort: a temporary directory left behind is harmless.
                }
              });
    } catch (IOException e) {
      // Same.
    }
  }
}
