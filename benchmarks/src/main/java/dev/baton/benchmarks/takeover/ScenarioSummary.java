package dev.baton.benchmarks.takeover;

import dev.baton.benchmarks.Distribution;
import dev.baton.benchmarks.takeover.RoundResult.Checks;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/** One scenario's rounds summed up: distributions over the completed rounds, all violations. */
record ScenarioSummary(
    Scenario scenario,
    int plannedRounds,
    List<RoundResult> rounds,
    Optional<Distribution> takeoverMs,
    Optional<Distribution> runGapMs,
    Optional<Distribution> oldLeaderStoppedMs,
    Optional<Distribution> releaseAfterSignalMs,
    Checks checks) {

  ScenarioSummary {
    rounds = List.copyOf(rounds);
  }

  static ScenarioSummary of(Scenario scenario, int plannedRounds, List<RoundResult> rounds) {
    List<RoundResult> completed = rounds.stream().filter(RoundResult::completed).toList();
    return new ScenarioSummary(
        scenario,
        plannedRounds,
        rounds,
        distribution(completed, RoundResult.Timings::takeoverMs),
        distribution(completed, RoundResult.Timings::runGapMs),
        distribution(completed, RoundResult.Timings::oldLeaderStoppedMs),
        distribution(completed, RoundResult.Timings::releaseAfterSignalMs),
        rounds.stream().map(RoundResult::checks).reduce(Checks.NONE, Checks::plus));
  }

  private static Optional<Distribution> distribution(
      List<RoundResult> rounds, Function<RoundResult.Timings, Double> measure) {
    return Distribution.of(
        rounds.stream().map(RoundResult::timings).map(measure).filter(Objects::nonNull).toList());
  }

  /** Old-term runs in flight at a handover; their gap counts from the run before them. */
  int abandonedRuns() {
    return rounds.stream().mapToInt(round -> round.handover().abandonedRuns()).sum();
  }

  int completedRounds() {
    return (int) rounds.stream().filter(RoundResult::completed).count();
  }

  int failedRounds() {
    return rounds.size() - completedRounds();
  }

  /** Planned rounds that never ran: the time limit was reached or the cluster broke down. */
  int skippedRounds() {
    return plannedRounds - rounds.size();
  }

  /** Every planned round ran and completed, and no invariant was violated. */
  boolean clean() {
    return completedRounds() == plannedRounds && checks.total() == 0;
  }
}
