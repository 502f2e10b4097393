package dev.baton.benchmarks.takeover;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --postgres-url}, the local server a benchmark creates its own database on. */
public final class PostgresServerOption {
  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(
      names = "--postgres-url",
      defaultValue = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres",
      description =
          "A PostgreSQL on this machine whose user may create databases; the benchmark creates"
              + " its own and drops it (default: ${DEFAULT-VALUE}).")
  String postgresUrl;

  /**
   * The server given.
   *
   * @throws CommandLine.ParameterException when the URL is not a local PostgreSQL one
   */
  public LocalPostgresUrl server() {
    try {
      return LocalPostgresUrl.parse(postgresUrl);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(command.commandLine(), e.getMessage());
    }
  }
}
