package dev.baton.benchmarks;

import dev.baton.benchmarks.takeover.TakeoverCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar baton-benchmarks.jar <benchmark>}. */
@Command(
    name = "baton-benchmarks",
    mixinStandardHelpOptions = true,
    description = "Benchmarks that drive baton.jar as real processes against a local PostgreSQL.",
    subcommands = {TakeoverCommand.class})
public final class BenchmarksCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a benchmark: takeover");
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new BenchmarksCommand()).execute(args));
  }
}
