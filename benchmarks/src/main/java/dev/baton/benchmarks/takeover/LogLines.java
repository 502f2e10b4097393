package dev.baton.benchmarks.takeover;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Moments read from an instance's text log, whose lines start with an ISO-8601 UTC timestamp from
 * the system clock, the clock PostgreSQL on this machine stamps {@code job_run} and the grant with.
 */
final class LogLines {

  private LogLines() {}

  /** When the instance logged that it had released {@code term} cleanly. */
  static Optional<Instant> cleanRelease(List<String> lines, long term) {
    String released = "Released the leadership of term " + term + " cleanly";
    return first(lines, line -> line.contains(released));
  }

  /** When the instance logged leaving the LEADER role of {@code term}, for whatever reason. */
  static Optional<Instant> leftLeader(List<String> lines, String instanceId, long term) {
    Pattern left =
        Pattern.compile(
            "Scheduler role LEADER -> \\w+ \\(instance "
                + Pattern.quote(instanceId)
                + ", term "
                + term
                + "\\)");
    return first(lines, line -> left.matcher(line).find());
  }

  static Optional<Instant> timestamp(String line) {
    int end = line.indexOf(' ');
    if (end <= 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(line.substring(0, end)));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Optional<Instant> first(List<String> lines, Predicate<String> wanted) {
    return lines.stream()
        .filter(wanted)
        .map(LogLines::timestamp)
        .flatMap(Optional::stream)
        .findFirst();
  }
}
