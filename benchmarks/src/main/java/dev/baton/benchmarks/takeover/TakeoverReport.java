package dev.baton.benchmarks.takeover;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.benchmarks.Distribution;
import dev.baton.benchmarks.takeover.RoundResult.Checks;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The benchmark's result as markdown tables for people and as JSON for tools. */
record TakeoverReport(Run run, List<ScenarioSummary> scenarios) {

  TakeoverReport {
    scenarios = List.copyOf(scenarios);
  }

  /** Where and how the rounds ran. */
  record Run(
      Instant startedAt,
      Instant finishedAt,
      int instances,
      Duration probeInterval,
      String postgresVersion,
      int processors,
      String javaVersion,
      String osName,
      boolean timeLimitReached) {}

  /** Every planned round completed without a violated invariant, in every scenario. */
  boolean clean() {
    return scenarios.stream().allMatch(ScenarioSummary::clean);
  }

  String markdown() {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "## Takeover benchmark%n%n%d instances, probe job every %d ms, PostgreSQL %s, %d"
                + " processors, Java %s on %s; %s to %s.%n",
            run.instances(),
            run.probeInterval().toMillis(),
            run.postgresVersion(),
            run.processors(),
            run.javaVersion(),
            run.osName(),
            run.startedAt(),
            run.finishedAt()));
    if (run.timeLimitReached()) {
      out.append(String.format("%nThe time limit was reached before every round ran.%n"));
    }
    for (ScenarioSummary summary : scenarios) {
      out.append(System.lineSeparator()).append(markdown(summary));
    }
    return out.toString();
  }

  static String markdown(ScenarioSummary summary) {
    Scenario scenario = summary.scenario();
    StringBuilder out = new StringBuilder();
    line(out, "### " + scenario.cliName() + ": " + scenario.description());
    line(out, "");
    line(
        out,
        summary.completedRounds()
            + " of "
            + summary.plannedRounds()
            + " rounds completed"
            + (summary.failedRounds() > 0 ? ", " + summary.failedRounds() + " failed" : "")
            + (summary.skippedRounds() > 0 ? ", " + summary.skippedRounds() + " not run" : "")
            + ".");
    line(out, "");
    line(out, "| measure (ms) | rounds | median | p90 | p99 | max | target (median) | met |");
    line(out, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
    line(out, row(scenario.takeoverName(), summary.takeoverMs(), scenario.takeoverTarget()));
    if (scenario == Scenario.CUT_OFF) {
      line(
          out,
          row(
              "takeover after the server sides closed",
              summary.takeoverAfterDropMs(),
              Optional.empty()));
    }
    if (scenario == Scenario.OUTAGE) {
      line(
          out,
          row(
              "lock holder after the database is back",
              summary.lockHolderAfterBackMs(),
              scenario.lockHolderTarget()));
    }
    line(out, row("probe run gap − interval", summary.runGapMs(), Optional.empty()));
    if (scenario.oldLeaderSurvives()) {
      line(
          out,
          row(
              scenario == Scenario.PAUSE
                  ? "old leader stopped after resuming"
                  : "old leader stopped",
              summary.oldLeaderStoppedMs(),
              scenario.oldLeaderStoppedTarget()));
    }
    if (scenario == Scenario.SIGTERM) {
      line(
          out, row("SIGTERM to release (drain)", summary.releaseAfterSignalMs(), Optional.empty()));
    }
    if (summary.abandonedRuns() > 0) {
      line(out, "");
      line(
          out,
          summary.abandonedRuns()
              + " probe run(s) were in flight at the handover and marked abandoned by the new"
              + " leader; such a round's run gap counts from the run before.");
    }
    if (summary.fencedWrites() > 0) {
      line(out, "");
      line(
          out,
          summary.fencedWrites()
              + " write(s) of an old term were refused by fencing"
              + " (baton_fenced_writes_rejected_total).");
    }
    line(out, "");
    Checks checks = summary.checks();
    line(out, "| invariant | violations |");
    line(out, "| --- | ---: |");
    line(out, "| overlapping probe runs | " + checks.overlappingRuns() + " |");
    line(out, "| schedule slots run twice | " + checks.duplicateRuns() + " |");
    line(
        out,
        "| old-term runs started after the new term existed (fenced writes landed) | "
            + checks.staleRunsLanded()
            + " |");
    line(out, "| processes that exited on their own | " + checks.exitedOnTheirOwn() + " |");
    line(out, "| new term ≠ old term + 1 | " + checks.unexpectedTerms() + " |");
    line(out, "| unclean stops | " + checks.uncleanStops() + " |");
    line(out, "| failed rounds | " + summary.failedRounds() + " |");
    List<String> problems =
        summary.rounds().stream()
            .flatMap(
                round ->
                    java.util.stream.Stream.concat(
                            round.failure().stream().map(why -> "failed: " + why),
                            round.problems().stream())
                        .map(what -> "round " + round.round() + ": " + what))
            .toList();
    if (!problems.isEmpty()) {
      line(out, "");
      problems.forEach(problem -> line(out, "- " + problem));
    }
    return out.toString();
  }

  static String row(String name, Optional<Distribution> measured, Optional<Duration> target) {
    String targetText = target.map(t -> "≤ " + t.toMillis()).orElse("–");
    if (measured.isEmpty()) {
      return "| " + name + " | 0 | – | – | – | – | " + targetText + " | – |";
    }
    Distribution d = measured.get();
    return "| "
        + name
        + " | "
        + d.count()
        + " | "
        + ms(d.median())
        + " | "
        + ms(d.p90())
        + " | "
        + ms(d.p99())
        + " | "
        + ms(d.max())
        + " | "
        + targetText
        + " | "
        + target.map(t -> met(d, t)).orElse("–")
        + " |";
  }

  /** The target is a median; whether the tail stays within it too is worth a glance. */
  static String met(Distribution measured, Duration target) {
    long limit = target.toMillis();
    if (measured.p99() <= limit) {
      return "yes, p99 too";
    }
    return measured.median() <= limit ? "median only" : "no";
  }

  static String ms(double millis) {
    return String.valueOf(Math.round(millis)); // a long has no -0
  }

  private static void line(StringBuilder out, String text) {
    out.append(text).append(System.lineSeparator());
  }

  ObjectNode json(ObjectMapper mapper) {
    ObjectNode root = mapper.createObjectNode();
    root.put("benchmark", "takeover");
    root.put("startedAt", run.startedAt().toString());
    root.put("finishedAt", run.finishedAt().toString());
    ObjectNode settings = root.putObject("settings");
    settings.put("instances", run.instances());
    settings.put("probeIntervalMs", run.probeInterval().toMillis());
    settings.put("timeLimitReached", run.timeLimitReached());
    ObjectNode machine = root.putObject("machine");
    machine.put("processors", run.processors());
    machine.put("java", run.javaVersion());
    machine.put("os", run.osName());
    machine.put("postgres", run.postgresVersion());
    root.put("clean", clean());
    ArrayNode list = root.putArray("scenarios");
    for (ScenarioSummary summary : scenarios) {
      list.add(json(mapper, summary));
    }
    return root;
  }

  private static ObjectNode json(ObjectMapper mapper, ScenarioSummary summary) {
    Scenario scenario = summary.scenario();
    ObjectNode node = mapper.createObjectNode();
    node.put("scenario", scenario.cliName());
    node.put("description", scenario.description());
    ObjectNode targets = node.putObject("targetsMs");
    scenario.takeoverTarget().ifPresent(target -> targets.put("takeoverMedian", target.toMillis()));
    scenario
        .oldLeaderStoppedTarget()
        .ifPresent(target -> targets.put("oldLeaderStoppedMedian", target.toMillis()));
    scenario
        .lockHolderTarget()
        .ifPresent(target -> targets.put("lockHolderAfterBackMedian", target.toMillis()));
    node.put("plannedRounds", summary.plannedRounds());
    node.put("completedRounds", summary.completedRounds());
    node.put("failedRounds", summary.failedRounds());
    node.put("skippedRounds", summary.skippedRounds());
    node.put("abandonedRuns", summary.abandonedRuns());
    node.put("fencedWrites", summary.fencedWrites());
    node.set("takeoverMs", distribution(mapper, summary.takeoverMs()));
    node.set("runGapMs", distribution(mapper, summary.runGapMs()));
    node.set("oldLeaderStoppedMs", distribution(mapper, summary.oldLeaderStoppedMs()));
    node.set("releaseAfterSignalMs", distribution(mapper, summary.releaseAfterSignalMs()));
    node.set("takeoverAfterDropMs", distribution(mapper, summary.takeoverAfterDropMs()));
    node.set("lockHolderAfterBackMs", distribution(mapper, summary.lockHolderAfterBackMs()));
    node.set("invariantViolations", checks(mapper, summary.checks()));
    ArrayNode rounds = node.putArray("rounds");
    for (RoundResult round : summary.rounds()) {
      rounds.add(json(mapper, round));
    }
    return node;
  }

  private static ObjectNode json(ObjectMapper mapper, RoundResult round) {
    ObjectNode node = mapper.createObjectNode();
    node.put("round", round.round());
    node.put("completed", round.completed());
    RoundResult.Handover handover = round.handover();
    node.put("oldLeader", handover.oldLeader());
    node.put("oldTerm", handover.oldTerm());
    node.put("newLeader", handover.newLeader());
    node.put("newTerm", handover.newTerm());
    node.put("event", handover.event() == null ? null : handover.event().toString());
    node.put(
        "jobsStartAt", handover.jobsStartAt() == null ? null : handover.jobsStartAt().toString());
    node.put("abandonedRuns", handover.abandonedRuns());
    node.put("fencedWrites", handover.fencedWrites());
    RoundResult.Timings timings = round.timings();
    node.put("takeoverMs", timings.takeoverMs());
    node.put("runGapMs", timings.runGapMs());
    node.put("oldLeaderStoppedMs", timings.oldLeaderStoppedMs());
    node.put("releaseAfterSignalMs", timings.releaseAfterSignalMs());
    node.put("takeoverAfterDropMs", timings.takeoverAfterDropMs());
    node.put("lockHolderAfterBackMs", timings.lockHolderAfterBackMs());
    node.set("invariantViolations", checks(mapper, round.checks()));
    ArrayNode problems = node.putArray("problems");
    round.problems().forEach(problems::add);
    node.put("failure", round.failure().orElse(null));
    return node;
  }

  private static ObjectNode distribution(ObjectMapper mapper, Optional<Distribution> measured) {
    if (measured.isEmpty()) {
      return null;
    }
    Distribution d = measured.get();
    ObjectNode node = mapper.createObjectNode();
    node.put("count", d.count());
    node.put("min", d.min());
    node.put("median", d.median());
    node.put("p90", d.p90());
    node.put("p99", d.p99());
    node.put("max", d.max());
    return node;
  }

  private static ObjectNode checks(ObjectMapper mapper, Checks checks) {
    ObjectNode node = mapper.createObjectNode();
    node.put("overlappingRuns", checks.overlappingRuns());
    node.put("duplicateRuns", checks.duplicateRuns());
    node.put("staleRunsLanded", checks.staleRunsLanded());
    node.put("exitedOnTheirOwn", checks.exitedOnTheirOwn());
    node.put("unexpectedTerms", checks.unexpectedTerms());
    node.put("uncleanStops", checks.uncleanStops());
    return node;
  }
}
