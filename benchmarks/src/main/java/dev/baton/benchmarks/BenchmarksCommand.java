package dev.baton.benchmarks;

import dev.baton.benchmarks.polling.PollThroughputCommand;
import dev.baton.benchmarks.polling.RateLimitCommand;
import dev.baton.benchmarks.startup.StartupCommand;
import dev.baton.benchmarks.takeover.TakeoverCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar baton-benchmarks.jar <benchmark>}. */
@Command(
    name = "baton-benchmarks",
    mixinStandardHelpOptions = true,
    description =
        "Benchmarks of Baton: takeover drives baton.jar as real processes against a local"
            + " PostgreSQL, poll-throughput runs the polling core in this JVM, startup times"
            + " baton.jar to ready on SQLite, rate-limit polls against a provider's request limit.",
    subcommands = {
      TakeoverCommand.class,
      PollThroughputCommand.class,
      RateLimitCommand.class,
      StartupCommand.class
    })
public final class BenchmarksCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "name a benchmark: takeover, poll-throughput, rate-limit, startup");
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new BenchmarksCommand()).execute(args));
  }
}
