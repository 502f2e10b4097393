package dev.baton.benchmarks.takeover;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What one round looked like, for {@link TimelineChart}: who led when, the probe job's runs and the
 * moments the harness acted or observed, inside the window {@code [from, to]}. Spans, runs and
 * markers may reach outside the window; the chart clips them.
 *
 * @param title e.g. "cut-off, round 3 (3 instances)"
 * @param lanes one per Baton process, top to bottom
 */
record Timeline(String title, Instant from, Instant to, List<Lane> lanes, List<Marker> markers) {

  Timeline {
    require(title, "title");
    require(from, "from");
    require(to, "to");
    require(lanes, "lanes");
    require(markers, "markers");
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException(
          "a timeline must end after it starts, but from " + from + " is not before to " + to);
    }
    lanes = List.copyOf(lanes);
    markers = List.copyOf(markers);
  }

  /**
   * One Baton process.
   *
   * @param label e.g. "baton-4 · baton-1a2b3c4d5e6f"
   */
  record Lane(String label, List<Span> leadership, List<Run> runs) {
    Lane {
      require(label, "lane label");
      require(leadership, "leadership of lane " + label);
      require(runs, "runs of lane " + label);
      leadership = List.copyOf(leadership);
      runs = List.copyOf(runs);
    }
  }

  /** An interval in which the process reported the LEADER role of {@code term}. */
  record Span(Instant from, Instant to, long term) {
    Span {
      require(from, "span start");
      require(to, "span end");
      if (to.isBefore(from)) {
        throw new IllegalArgumentException(
            "the LEADER span of term " + term + " ends at " + to + ", before it starts at " + from);
      }
    }
  }

  /**
   * One {@code baton_job_run} row of the probe job. As in the table, {@code finishedAt} is null
   * exactly when the outcome is "running".
   */
  record Run(Instant startedAt, Instant finishedAt, String outcome, long term) {
    static final String SUCCEEDED = "succeeded";
    static final String FAILED = "failed";
    static final String CANCELLED = "cancelled";
    static final String ABANDONED = "abandoned";
    static final String RUNNING = "running";

    private static final Set<String> OUTCOMES =
        Set.of(SUCCEEDED, FAILED, CANCELLED, ABANDONED, RUNNING);

    Run {
      require(startedAt, "run start");
      require(outcome, "run outcome");
      if (!OUTCOMES.contains(outcome)) {
        throw new IllegalArgumentException(
            "unknown run outcome '" + outcome + "', expected one of " + OUTCOMES);
      }
      if (RUNNING.equals(outcome) != (finishedAt == null)) {
        throw new IllegalArgumentException(
            "a run has no finish time exactly while it is running, but this one is "
                + outcome
                + " with finishedAt "
                + finishedAt);
      }
      if (finishedAt != null && finishedAt.isBefore(startedAt)) {
        throw new IllegalArgumentException(
            "the run of term "
                + term
                + " finished at "
                + finishedAt
                + ", before it started at "
                + startedAt);
      }
    }
  }

  /** A moment the harness acted or observed, e.g. "SIGKILL sent" or "new leader's jobs start". */
  record Marker(Instant at, String label) {
    Marker {
      require(at, "marker time");
      require(label, "marker label");
    }
  }

  private static void require(Object value, String what) {
    if (value == null) {
      throw new IllegalArgumentException(what + " must not be null");
    }
  }
}
