package dev.baton.benchmarks.takeover;

import dev.baton.benchmarks.takeover.BenchDatabase.Overlap;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * The invariants read from {@code baton_job_run} once a round is over, when a late write of the old
 * leader (one on its way while the round measured) has landed too. Each violation is reported once,
 * in the round that found it.
 */
final class RoundInvariants {
  /** Log timestamps are truncated to the millisecond; a row may start within that of the line. */
  static final Duration LOG_RESOLUTION = Duration.ofMillis(2);

  private final BenchDatabase database;
  private final String job;
  private final Set<String> reportedOverlaps = new HashSet<>();
  private final Set<String> reportedDuplicates = new HashSet<>();

  RoundInvariants(BenchDatabase database, String job) {
    this.database = database;
    this.job = job;
  }

  /**
   * A handover as the "no write of an old term lands" check needs it: the old term, and when the
   * new one certainly existed — its holder's {@code -> LEADER} log line, written after the term's
   * increment committed. A run's row is inserted in a fenced transaction holding the term row FOR
   * SHARE, which the increment waits for; so with fencing every row of the old term started before
   * that line.
   */
  record TermChange(long oldTerm, Instant newTermLogged) {}

  /**
   * @param change the round's handover, or null when the round failed before learning it
   */
  void checkAfterRound(RoundResult.Builder result, TermChange change) {
    checkOverlaps(result);
    checkDuplicates(result);
    if (change != null) {
      checkStaleRuns(change, result);
    }
  }

  /**
   * Overlapping runs not reported before. Baton keeps only the newest runs per job (1000 by
   * default, over three minutes at 200 ms), far longer than a round, so a round's runs are still
   * there when it ends.
   */
  private void checkOverlaps(RoundResult.Builder result) {
    try {
      for (Overlap overlap : database.overlappingRuns(job)) {
        if (reportedOverlaps.add(overlap.key())) {
          result.violation(RoundResult.Violation.OVERLAPPING_RUNS, overlap.toString());
        }
      }
    } catch (SQLException e) {
      result.failure("the overlap check failed: " + e.getMessage());
    }
  }

  /**
   * Schedule slots run twice, not reported before. A new leader continues the old cadence from the
   * last recorded start, so no {@code scheduled_at} may appear twice.
   */
  private void checkDuplicates(RoundResult.Builder result) {
    try {
      for (String duplicate : database.duplicateSlots(job)) {
        if (reportedDuplicates.add(duplicate)) {
          result.violation(RoundResult.Violation.DUPLICATE_RUNS, duplicate);
        }
      }
    } catch (SQLException e) {
      result.failure("the duplicate check failed: " + e.getMessage());
    }
  }

  private void checkStaleRuns(TermChange change, RoundResult.Builder result) {
    Instant boundary = change.newTermLogged().plus(LOG_RESOLUTION);
    try {
      int stale = database.runsStartedAfter(job, change.oldTerm(), boundary);
      if (stale > 0) {
        result.violations(
            RoundResult.Violation.STALE_RUNS_LANDED,
            stale,
            stale
                + " "
                + job
                + " run(s) of term "
                + change.oldTerm()
                + " started after the next term existed ("
                + change.newTermLogged()
                + ")");
      }
    } catch (SQLException e) {
      result.failure("the stale-run check failed: " + e.getMessage());
    }
  }
}
