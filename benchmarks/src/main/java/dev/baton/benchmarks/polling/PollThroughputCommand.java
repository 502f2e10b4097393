package dev.baton.benchmarks.polling;

import dev.baton.benchmarks.JsonOption;
import dev.baton.benchmarks.takeover.BenchDatabase;
import dev.baton.benchmarks.takeover.LocalPostgresUrl;
import dev.baton.benchmarks.takeover.PostgresServerOption;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code poll-throughput}: Baton as a library in this JVM on a fresh PostgreSQL database, polling
 * against the simulated provider with a fixed latency; measures poll cycles and their bulk status
 * write.
 */
@Command(
    name = "poll-throughput",
    mixinStandardHelpOptions = true,
    description = {
      "Measures poll cycles over running batches against a simulated provider of fixed latency,"
          + " and each cycle's bulk status write, on a fresh PostgreSQL database.",
      "Figures are printed, not asserted. Exit 0: it ran; 2: bad arguments; 3: the benchmark"
          + " could not run."
    })
public final class PollThroughputCommand implements Callable<Integer> {
  static final int CANNOT_RUN = 3;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--batches",
      defaultValue = "500",
      description = "Running batches N polled each cycle, 1 to 100000 (default: ${DEFAULT-VALUE}).")
  int batches;

  @Option(
      names = "--latency-ms",
      defaultValue = "50",
      description =
          "Latency L of every simulated provider answer, 0 to 10000 (default: ${DEFAULT-VALUE}).")
  long latencyMs;

  @Option(
      names = "--concurrency",
      defaultValue = "16",
      description =
          "Provider calls in flight C, as BATON_PROVIDER_CONCURRENCY, 1 to 256 (default:"
              + " ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(
      names = "--cycles",
      defaultValue = "5",
      description = "Measured cycles, after the warm-up, 1 to 100 (default: ${DEFAULT-VALUE}).")
  int cycles;

  @Option(
      names = "--warm-up-cycles",
      defaultValue = "3",
      description =
          "Cycles run first and not counted, while connections open and the JIT compiles, 0 to 100"
              + " (default: ${DEFAULT-VALUE}).")
  int warmUpCycles;

  @CommandLine.Mixin PostgresServerOption postgres;

  @CommandLine.Mixin JsonOption json;

  private final AtomicBoolean cleanedUp = new AtomicBoolean();
  private volatile BenchDatabase database;
  private volatile PollingRig rig;

  @Override
  public Integer call() throws Exception {
    validate();
    LocalPostgresUrl server = postgres.server();
    PrintStream progress = System.err;
    Clock clock = Clock.systemUTC();
    Instant startedAt = clock.instant();
    double loadBefore = loadAverage();

    Thread hook = new Thread(() -> cleanUp(true), "baton-benchmarks-cleanup");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      try {
        database = BenchDatabase.createFresh(server);
      } catch (SQLException e) {
        progress.println(
            "poll-throughput: cannot create a database on " + server + ": " + e.getMessage());
        return CANNOT_RUN;
      }
      String postgresVersion = database.serverVersion();
      Duration latency = Duration.ofMillis(latencyMs);
      try {
        rig = PollingRig.open(database.url().jdbcUrl(), concurrency, latency);
      } catch (RuntimeException e) {
        progress.println("poll-throughput: cannot start Baton: " + e);
        return CANNOT_RUN;
      }
      progress.printf(
          Locale.ROOT,
          "Database %s on PostgreSQL %s; tracking %d running batches%n",
          database.name(),
          postgresVersion,
          batches);
      rig.trackRunningBatches(batches);
      CycleTarget target = new CycleTarget(batches, latency, concurrency);
      // Generous: a cycle that takes this long has gone wrong, not slow.
      Duration patience =
          Duration.ofMinutes(10).plusMillis(Math.round(3 * target.providerBoundMs()));

      for (int warmUp = 1; warmUp <= warmUpCycles; warmUp++) {
        PollThroughputReport.Cycle cycle = rig.runCycle(patience);
        progress.println("[warm-up " + warmUp + "] " + cycleLine(cycle));
      }
      List<PollThroughputReport.Cycle> measured = new ArrayList<>();
      for (int number = 1; number <= cycles; number++) {
        PollThroughputReport.Cycle cycle = rig.runCycle(patience);
        measured.add(cycle);
        progress.println("[cycle " + number + "/" + cycles + "] " + cycleLine(cycle));
      }

      PollThroughputReport report =
          new PollThroughputReport(
              new PollThroughputReport.Run(
                  startedAt,
                  clock.instant(),
                  warmUpCycles,
                  postgresVersion,
                  Runtime.getRuntime().availableProcessors(),
                  System.getProperty("java.version"),
                  System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                  loadBefore,
                  loadAverage()),
              target,
              measured);
      System.out.print(report.markdown());
      System.out.flush();
      json.write(report::json, progress);
      return 0;
    } finally {
      cleanUp(false);
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // The JVM is already shutting down; the hook found everything cleaned up.
      }
    }
  }

  private static String cycleLine(PollThroughputReport.Cycle cycle) {
    return String.format(
        Locale.ROOT,
        "%d batches polled in %.1f ms, %.1f ms of it in the database (status write %.1f ms),"
            + " %d failed",
        cycle.polled(),
        cycle.wallMs(),
        cycle.databaseMs(),
        cycle.statusWriteMs(),
        cycle.failedPolls());
  }

  /** The one-minute load average, or -1 where the system does not tell. */
  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private void validate() {
    requireWithin("--batches", batches, 1, 100_000);
    requireWithin("--latency-ms", latencyMs, 0, 10_000);
    requireWithin("--concurrency", concurrency, 1, 256);
    requireWithin("--cycles", cycles, 1, 100);
    requireWithin("--warm-up-cycles", warmUpCycles, 0, 100);
  }

  private void requireWithin(String option, long value, long min, long max) {
    if (value < min || value > max) {
      throw usage(option + " must be " + min + " to " + max + ": " + value);
    }
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }

  /**
   * Stops Baton and drops the database. Runs once, from the end of {@link #call()} or from the
   * shutdown hook on Ctrl-C, whichever is first.
   */
  private void cleanUp(boolean fromHook) {
    if (!cleanedUp.compareAndSet(false, true)) {
      return;
    }
    PrintStream err = System.err;
    if (fromHook) {
      err.println("poll-throughput: interrupted; stopping and dropping the database");
    }
    try {
      if (rig != null) {
        rig.close();
      }
    } catch (RuntimeException e) {
      err.println("poll-throughput: stopping Baton failed: " + e);
    } finally {
      if (database != null) {
        try {
          database.close();
        } catch (SQLException e) {
          err.println(
              "poll-throughput: could not drop database "
                  + database.name()
                  + ": "
                  + e.getMessage());
        }
      }
    }
  }
}
