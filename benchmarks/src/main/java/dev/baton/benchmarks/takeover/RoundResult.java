package dev.baton.benchmarks.takeover;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one round measured and found. A failed round ({@link #failure()} present) may still carry
 * the figures it got before it failed; the summaries count only complete rounds.
 */
record RoundResult(
    Scenario scenario,
    int round,
    Handover handover,
    Timings timings,
    Checks checks,
    List<String> problems,
    Optional<String> failure,
    Optional<Timeline> timeline) {

  RoundResult {
    problems = List.copyOf(problems);
  }

  boolean completed() {
    return failure.isEmpty();
  }

  /**
   * Who led before and after; parts are null when the round failed before learning them. {@code
   * event}: the moment the takeover is counted from. {@code abandonedRuns}: the old term's runs
   * still in flight at the handover, which the run gap skips. {@code fencedWrites}: writes the
   * database refused because a newer term existed, summed from {@code
   * baton_fenced_writes_rejected_total} of the processes alive before and after the round; null
   * when a process did not answer.
   */
  record Handover(
      String oldLeader,
      Long oldTerm,
      String newLeader,
      Long newTerm,
      Instant event,
      Instant jobsStartAt,
      int abandonedRuns,
      Integer fencedWrites) {}

  /**
   * Milliseconds; null when not measured. {@code releaseAfterSignalMs} is the SIGTERM drain and
   * release, which the takeover, starting at the release, leaves out. {@code takeoverAfterDropMs}:
   * cut-off only, from the server sides closed to the new leader's jobs. {@code
   * lockHolderAfterBackMs}: outage only, from the database's return to the new term.
   */
  record Timings(
      Double takeoverMs,
      Double runGapMs,
      Double oldLeaderStoppedMs,
      Double releaseAfterSignalMs,
      Double takeoverAfterDropMs,
      Double lockHolderAfterBackMs) {}

  /**
   * Invariant violations found in this round. {@code staleRunsLanded}: runs of the old term that
   * started after the new term existed, which fencing forbids. {@code duplicateRuns}: schedule
   * slots run twice.
   */
  record Checks(
      int overlappingRuns,
      int duplicateRuns,
      int staleRunsLanded,
      int exitedOnTheirOwn,
      int unexpectedTerms,
      int uncleanStops) {
    static final Checks NONE = new Checks(0, 0, 0, 0, 0, 0);

    Checks plus(Checks other) {
      return new Checks(
          overlappingRuns + other.overlappingRuns,
          duplicateRuns + other.duplicateRuns,
          staleRunsLanded + other.staleRunsLanded,
          exitedOnTheirOwn + other.exitedOnTheirOwn,
          unexpectedTerms + other.unexpectedTerms,
          uncleanStops + other.uncleanStops);
    }

    int total() {
      return overlappingRuns
          + duplicateRuns
          + staleRunsLanded
          + exitedOnTheirOwn
          + unexpectedTerms
          + uncleanStops;
    }
  }

  /** The figures a round measures, in milliseconds. */
  enum Measure {
    TAKEOVER,
    RUN_GAP,
    OLD_LEADER_STOPPED,
    RELEASE_AFTER_SIGNAL,
    TAKEOVER_AFTER_DROP,
    LOCK_HOLDER_AFTER_BACK
  }

  /** The invariants a round checks, each counted with its problem line. */
  enum Violation {
    OVERLAPPING_RUNS,
    DUPLICATE_RUNS,
    STALE_RUNS_LANDED,
    EXITED_ON_THEIR_OWN,
    UNEXPECTED_TERMS,
    UNCLEAN_STOPS
  }

  /** Filled in as the round goes, so a failure keeps what was learnt before it. */
  static final class Builder {
    private final Scenario scenario;
    private final int round;
    private final List<String> problems = new ArrayList<>();
    private final Map<Measure, Double> measured = new EnumMap<>(Measure.class);
    private final Map<Violation, Integer> violations = new EnumMap<>(Violation.class);
    private String oldLeader;
    private Long oldTerm;
    private String newLeader;
    private Long newTerm;
    private Instant event;
    private Instant jobsStartAt;
    private int abandonedRuns;
    private Integer fencedWrites;
    private String failure;
    private Timeline timeline;

    Builder(Scenario scenario, int round) {
      this.scenario = scenario;
      this.round = round;
    }

    Builder oldLeader(String instanceId, long term) {
      oldLeader = instanceId;
      oldTerm = term;
      return this;
    }

    Builder newLeader(String instanceId, long term, Instant jobsStart) {
      newLeader = instanceId;
      newTerm = term;
      jobsStartAt = jobsStart;
      return this;
    }

    Builder abandonedRuns(int count) {
      abandonedRuns = count;
      return this;
    }

    Builder fencedWrites(Integer count) {
      fencedWrites = count;
      return this;
    }

    /** The takeover: from {@code event}, the moment it counts from, to the new jobs' start. */
    Builder takeover(Instant from, Instant jobsStart) {
      event = from;
      return measured(Measure.TAKEOVER, Duration.between(from, jobsStart).toNanos() / 1e6);
    }

    Builder measured(Measure measure, double millis) {
      measured.put(measure, millis);
      return this;
    }

    /** One violation of {@code kind}, described by {@code what}. */
    Builder violation(Violation kind, String what) {
      return violations(kind, 1, what);
    }

    /** {@code count} violations of {@code kind}, described together by {@code what}. */
    Builder violations(Violation kind, int count, String what) {
      violations.merge(kind, count, Integer::sum);
      return problem(what);
    }

    Builder problem(String what) {
      problems.add(what);
      return this;
    }

    /** The first failure is the cause; later ones are consequences, kept as problems. */
    Builder failure(String why) {
      if (failure == null) {
        failure = why;
      } else {
        problems.add(why);
      }
      return this;
    }

    Builder timeline(Timeline drawn) {
      timeline = drawn;
      return this;
    }

    private int count(Violation kind) {
      return violations.getOrDefault(kind, 0);
    }

    RoundResult build() {
      return new RoundResult(
          scenario,
          round,
          new Handover(
              oldLeader,
              oldTerm,
              newLeader,
              newTerm,
              event,
              jobsStartAt,
              abandonedRuns,
              fencedWrites),
          new Timings(
              measured.get(Measure.TAKEOVER),
              measured.get(Measure.RUN_GAP),
              measured.get(Measure.OLD_LEADER_STOPPED),
              measured.get(Measure.RELEASE_AFTER_SIGNAL),
              measured.get(Measure.TAKEOVER_AFTER_DROP),
              measured.get(Measure.LOCK_HOLDER_AFTER_BACK)),
          new Checks(
              count(Violation.OVERLAPPING_RUNS),
              count(Violation.DUPLICATE_RUNS),
              count(Violation.STALE_RUNS_LANDED),
              count(Violation.EXITED_ON_THEIR_OWN),
              count(Violation.UNEXPECTED_TERMS),
              count(Violation.UNCLEAN_STOPS)),
          problems,
          Optional.ofNullable(failure),
          Optional.ofNullable(timeline));
    }
  }
}
