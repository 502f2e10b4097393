package dev.baton.benchmarks.polling;

import dev.baton.benchmarks.JsonOption;
import dev.baton.benchmarks.takeover.BenchDatabase;
import dev.baton.benchmarks.takeover.LocalPostgresUrl;
import dev.baton.benchmarks.takeover.PostgresServerOption;
import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rate-limit}: poll cycles over many more batches than the provider's limit a minute allows
 * at once, against the simulated provider enforcing that limit; the share of 429 answers and the
 * cycle time beside the time the limit allows.
 */
@Command(
    name = "rate-limit",
    mixinStandardHelpOptions = true,
    description = {
      "Measures poll cycles over N running batches against a simulated provider that allows R"
          + " requests a minute to each of its two APIs: the share of 429 answers and the cycle"
          + " time beside the time the limit allows.",
      "Figures are printed, not asserted. Exit 0: it ran; 2: bad arguments; 3: the benchmark"
          + " could not run."
    })
public final class RateLimitCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--requests-per-minute",
      defaultValue = "300",
      description =
          "The limit R of each provider's API, requests a minute, 1 to 100000 (default:"
              + " ${DEFAULT-VALUE}).")
  int requestsPerMinute;

  @Option(
      names = "--batches",
      defaultValue = "1200",
      description =
          "Running batches N, Anthropic and OpenAI alternating, 1 to 100000 (default:"
              + " ${DEFAULT-VALUE}).")
  int batches;

  @Option(
      names = "--cycles",
      defaultValue = "1",
      description = "Cycles run one after the other, 1 to 20 (default: ${DEFAULT-VALUE}).")
  int cycles;

  @Option(
      names = "--latency-ms",
      defaultValue = "50",
      description =
          "Latency of every simulated provider answer, 0 to 10000 (default: ${DEFAULT-VALUE}).")
  long latencyMs;

  @Option(
      names = "--concurrency",
      defaultValue = "16",
      description =
          "Provider calls in flight, as BATON_PROVIDER_CONCURRENCY, 1 to 256 (default:"
              + " ${DEFAULT-VALUE}).")
  int concurrency;

  @CommandLine.Mixin PostgresServerOption postgres;

  @CommandLine.Mixin JsonOption json;

  @Override
  public Integer call() throws Exception {
    requireWithin("--requests-per-minute", requestsPerMinute, 1, 100_000);
    requireWithin("--batches", batches, 1, 100_000);
    requireWithin("--cycles", cycles, 1, 20);
    requireWithin("--latency-ms", latencyMs, 0, 10_000);
    requireWithin("--concurrency", concurrency, 1, 256);
    LocalPostgresUrl server = postgres.server();
    PrintStream progress = System.err;
    BenchDatabase database;
    try {
      database = BenchDatabase.createFresh(server);
    } catch (SQLException e) {
      progress.println("rate-limit: cannot create a database on " + server + ": " + e.getMessage());
      return PollThroughputCommand.CANNOT_RUN;
    }
    try (database;
        PollingRig rig =
            PollingRig.open(
                database.url().jdbcUrl(),
                concurrency,
                Duration.ofMillis(latencyMs),
                requestsPerMinute)) {
      progress.printf(
          Locale.ROOT,
          "Tracking %d running batches; each provider's API allows %d requests a minute%n",
          batches,
          requestsPerMinute);
      rig.trackRunningBatches(batches);
      RateLimitReport.Target target = new RateLimitReport.Target(batches, requestsPerMinute);
      // Generous: three times what the limit allows a cycle, and ten minutes more.
      Duration patience = Duration.ofMinutes(10).plusMillis(Math.round(3 * target.allowedMs()));
      List<RateLimitReport.Cycle> measured = new ArrayList<>();
      for (int number = 1; number <= cycles; number++) {
        PollingRig.ProviderRequests before = rig.providerRequests();
        PollThroughputReport.Cycle cycle = rig.runCycle(patience);
        PollingRig.ProviderRequests after = rig.providerRequests();
        RateLimitReport.Cycle result =
            new RateLimitReport.Cycle(
                cycle.wallMs(),
                after.received() - before.received(),
                after.rateLimited() - before.rateLimited(),
                cycle.failedPolls());
        measured.add(result);
        progress.println("[cycle " + number + "/" + cycles + "] " + result.line(target));
      }
      RateLimitReport report = new RateLimitReport(target, latencyMs, concurrency, measured);
      System.out.print(report.markdown());
      System.out.flush();
      json.write(report::json, progress);
      return 0;
    }
  }

  private void requireWithin(String option, long value, long min, long max) {
    if (value < min || value > max) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), option + " must be " + min + " to " + max + ": " + value);
    }
  }
}
