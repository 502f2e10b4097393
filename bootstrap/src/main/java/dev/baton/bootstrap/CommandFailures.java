package dev.baton.bootstrap;

import com.google.inject.CreationException;
import com.google.inject.ProvisionException;
import com.google.inject.spi.Message;
import dev.baton.bootstrap.config.ConfigException;
import dev.baton.embedded.internal.DatabaseProblem;
import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;

/**
 * What ended a command, as the operator reads it: an expected failure is one line on standard error
 * and an exit code of its own; only a bug keeps its stack trace (exit code 1).
 */
final class CommandFailures implements CommandLine.IExecutionExceptionHandler {

  /** One line to print and the exit code that goes with it. */
  record Outcome(String line, int exitCode) {}

  @Override
  public int handleExecutionException(
      Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) throws Exception {
    Optional<Outcome> outcome = expected(e);
    if (outcome.isEmpty()) {
      throw e; // a bug: picocli prints the stack trace and exits with 1
    }
    PrintWriter err = commandLine.getErr();
    err.println(outcome.get().line());
    err.flush();
    return outcome.get().exitCode();
  }

  /** The line and exit code of an expected failure anywhere in {@code e}'s causes, if any. */
  static Optional<Outcome> expected(Throwable e) {
    for (Throwable t : causes(e)) {
      if (t instanceof ConfigException config) {
        return Optional.of(
            new Outcome("baton: configuration error: " + config.getMessage(), ExitCodes.USAGE));
      }
      if (t instanceof StartupFailure startup) {
        return Optional.of(new Outcome("baton: " + startup.getMessage(), ExitCodes.USAGE));
      }
      if (t instanceof DatabaseProblem database) {
        return Optional.of(outcome(database));
      }
    }
    return Optional.empty();
  }

  private static Outcome outcome(DatabaseProblem problem) {
    return switch (problem.failure().kind()) {
      case MISCONFIGURED ->
          new Outcome(
              "baton: configuration error: BATON_DATABASE_URL: '"
                  + problem.location()
                  + "': "
                  + problem.getMessage(),
              ExitCodes.USAGE);
      case UNREACHABLE ->
          new Outcome(
              "baton: database unreachable (" + problem.location() + "): " + problem.getMessage(),
              ExitCodes.DATABASE_UNREACHABLE);
      case FAILED ->
          new Outcome(
              "baton: database error (" + problem.location() + "): " + problem.getMessage(),
              ExitCodes.FAILED);
    };
  }

  /**
   * {@code e} and its causes, including those of every error Guice collected while building the
   * injector (it reports a failing provider once per place that needs it).
   */
  private static List<Throwable> causes(Throwable e) {
    Deque<Throwable> pending = new ArrayDeque<>(List.of(e));
    Set<Throwable> seen = new HashSet<>();
    List<Throwable> all = new ArrayList<>();
    while (!pending.isEmpty()) {
      Throwable t = pending.removeFirst();
      if (!seen.add(t)) {
        continue;
      }
      all.add(t);
      Collection<Message> collected =
          t instanceof CreationException creation
              ? creation.getErrorMessages()
              : t instanceof ProvisionException provision
                  ? provision.getErrorMessages()
                  : List.of();
      collected.stream().map(Message::getCause).filter(Objects::nonNull).forEach(pending::addLast);
      if (t.getCause() != null) {
        pending.addLast(t.getCause());
      }
    }
    return all;
  }
}
