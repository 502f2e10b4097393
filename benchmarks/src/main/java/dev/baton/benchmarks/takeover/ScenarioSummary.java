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
    Optional<Distribution> takeoverAfterDropMs,
    Optional<Distribution> lockHolderAfterBackMs,
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
        distribution(completed, RoundResult.Timings::takeoverAfterDropMs),
        distribution(completed, RoundResult.Timings::lockHolderAfterBackMs),
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

  /** Writes refused by fencing, over the rounds whose processes all answered. */
  int fencedWrites() {
    return rounds.stream()
        .map(round -> round.handover().fencedWrites())
        .filter(Objects::nonNull)
        .mapToInt(Integer::intValue)
        .sum();
  }

  /**
   * The picture of the completed round whose takeover is nearest the median, so that the one round
   * drawn is a typical one; the first drawn round when none has a takeover figure.
   */
  Optional<Timeline> typicalTimeline() {
    List<RoundResult> drawn =
        rounds.stream()
            .filter(RoundResult::completed)
            .filter(r -> r.timeline().isPresent())
            .toList();
    if (drawn.isEmpty()) {
      return Optional.empty();
    }
    Optional<RoundResult> nearest =
        takeoverMs.flatMap(
            d ->
                drawn.stream()
                    .filter(r -> r.timings().takeoverMs() != null)
                    .min(
                        java.util.Comparator.comparingDouble(
                            r -> Math.abs(r.timings().takeoverMs() - d.median()))));
    return nearest.orElse(drawn.get(0)).timeline();
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
