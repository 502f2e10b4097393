package dev.baton.benchmarks.takeover;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Moments read from an instance's text log, whose lines start with an ISO-8601 UTC timestamp from
 * the system clock, the clock PostgreSQL on this machine stamps {@code baton_job_run} and the grant
 * with.
 */
final class LogLines {

  private LogLines() {}

  /** When the instance logged that it had released {@code term} cleanly. */
  static Optional<Instant> cleanRelease(List<String> lines, long term) {
    String released = "Released the leadership of term " + term + " cleanly";
    return first(lines, line -> line.contains(released));
  }

  /** When the instance logged taking the LEADER role with {@code term}. */
  static Optional<Instant> tookLeader(List<String> lines, String instanceId, long term) {
    Pattern took = roleChange("\\w+", "LEADER", instanceId, term);
    return first(lines, line -> took.matcher(line).find());
  }

  /** Baton's log line of a role change, {@code from} and {@code to} as regular expressions. */
  private static Pattern roleChange(String from, String to, String instanceId, long term) {
    return Pattern.compile(
        "Scheduler role "
            + from
            + " -> "
            + to
            + " \\(instance "
            + Pattern.quote(instanceId)
            + ", term "
            + term
            + "\\)");
  }

  /**
   * When the instance logged that it no longer led {@code term}: the loss line Baton writes once
   * the jobs are stopped, or the role change away from LEADER, whichever comes first.
   */
  static Optional<Instant> leftLeader(List<String> lines, String instanceId, long term) {
    Pattern left = roleChange("LEADER", "\\w+", instanceId, term);
    String lost = "Instance " + instanceId + " lost the leadership of term " + term + " (";
    return first(lines, line -> line.contains(lost) || left.matcher(line).find());
  }

  /**
   * An interval in which the instance held the LEADER role; {@code to} is null while it still does.
   */
  record LeaderSpan(Instant from, Instant to, long term) {}

  private static final Pattern ROLE_CHANGE =
      Pattern.compile("Scheduler role (\\w+) -> (\\w+) \\(instance \\S+, term (\\d+|none)\\)");

  /**
   * Every LEADER interval the log shows, in order, from the role-change lines Baton writes on each
   * transition (which carry the term just taken or just left).
   */
  static List<LeaderSpan> leaderSpans(List<String> lines) {
    List<LeaderSpan> spans = new ArrayList<>();
    Instant since = null;
    long term = 0;
    for (String line : lines) {
      Matcher change = ROLE_CHANGE.matcher(line);
      Optional<Instant> at = timestamp(line);
      if (!change.find() || at.isEmpty()) {
        continue;
      }
      if (change.group(2).equals("LEADER") && !change.group(3).equals("none")) {
        since = at.get();
        term = Long.parseLong(change.group(3));
      } else if (change.group(1).equals("LEADER") && since != null) {
        spans.add(new LeaderSpan(since, at.get(), term));
        since = null;
      }
    }
    if (since != null) {
      spans.add(new LeaderSpan(since, null, term));
    }
    return spans;
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
