package dev.baton.benchmarks.takeover;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

  /** Filled in as the round goes, so a failure keeps what was learnt before it. */
  static final class Builder {
    private final Scenario scenario;
    private final int round;
    private final List<String> problems = new ArrayList<>();
    private String oldLeader;
    private Long oldTerm;
    private String newLeader;
    private Long newTerm;
    private Instant event;
    private Instant jobsStartAt;
    private int abandonedRuns;
    private Integer fencedWrites;
    private Double takeoverMs;
    private Double runGapMs;
    private Double oldLeaderStoppedMs;
    private Double releaseAfterSignalMs;
    private Double takeoverAfterDropMs;
    private Double lockHolderAfterBackMs;
    private int overlappingRuns;
    private int duplicateRuns;
    private int staleRunsLanded;
    private int exitedOnTheirOwn;
    private int unexpectedTerms;
    private int uncleanStops;
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

    Builder event(Instant at) {
      event = at;
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

    Builder takeoverAfterDropMs(double millis) {
      takeoverAfterDropMs = millis;
      return this;
    }

    Builder lockHolderAfterBackMs(double millis) {
      lockHolderAfterBackMs = millis;
      return this;
    }

    Builder duplicateRun(String what) {
      duplicateRuns++;
      return problem(what);
    }

    Builder staleRunsLanded(int count, String what) {
      staleRunsLanded += count;
      return problem(what);
    }

    Builder timeline(Timeline drawn) {
      timeline = drawn;
      return this;
    }

    Builder takeoverMs(double millis) {
      takeoverMs = millis;
      return this;
    }

    Builder runGapMs(double millis) {
      runGapMs = millis;
      return this;
    }

    Builder oldLeaderStoppedMs(double millis) {
      oldLeaderStoppedMs = millis;
      return this;
    }

    Builder releaseAfterSignalMs(double millis) {
      releaseAfterSignalMs = millis;
      return this;
    }

    Builder overlappingRun(String what) {
      overlappingRuns++;
      return problem(what);
    }

    Builder exitedOnItsOwn(String what) {
      exitedOnTheirOwn++;
      return problem(what);
    }

    Builder unexpectedTerm(String what) {
      unexpectedTerms++;
      return problem(what);
    }

    Builder uncleanStop(String what) {
      uncleanStops++;
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
              takeoverMs,
              runGapMs,
              oldLeaderStoppedMs,
              releaseAfterSignalMs,
              takeoverAfterDropMs,
              lockHolderAfterBackMs),
          new Checks(
              overlappingRuns,
              duplicateRuns,
              staleRunsLanded,
              exitedOnTheirOwn,
              unexpectedTerms,
              uncleanStops),
          problems,
          Optional.ofNullable(failure),
          Optional.ofNullable(timeline));
    }
  }
}
