package dev.baton.benchmarks.takeover;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.benchmarks.Distribution;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TakeoverReportTest {
  private static final Instant T0 = Instant.parse("2026-11-27T01:00:00Z");

  private static RoundResult round(Scenario scenario, int number, double takeoverMs) {
    return new RoundResult.Builder(scenario, number)
        .oldLeader("baton-aaaaaaaaaaaa", number)
        .newLeader("baton-bbbbbbbbbbbb", number + 1, T0.plusMillis((long) takeoverMs))
        .takeover(T0, T0.plusNanos(Math.round(takeoverMs * 1e6)))
        .measured(RoundResult.Measure.RUN_GAP, takeoverMs / 2)
        .build();
  }

  private static RoundResult failed(Scenario scenario, int number, String why) {
    return new RoundResult.Builder(scenario, number)
        .measured(RoundResult.Measure.TAKEOVER, 99_999)
        .failure(why)
        .build();
  }

  @Test
  void summarisesOnlyCompletedRoundsAndCountsTheOthers() {
    ScenarioSummary summary =
        ScenarioSummary.of(
            Scenario.SIGKILL,
            5,
            List.of(
                round(Scenario.SIGKILL, 1, 40),
                round(Scenario.SIGKILL, 2, 60),
                failed(Scenario.SIGKILL, 3, "no leader with a term after 3 within 30000 ms")));

    assertThat(summary.completedRounds()).isEqualTo(2);
    assertThat(summary.failedRounds()).isEqualTo(1);
    assertThat(summary.skippedRounds()).isEqualTo(2);
    assertThat(summary.takeoverMs()).map(Distribution::max).contains(60.0);
    assertThat(summary.takeoverMs()).map(Distribution::median).contains(50.0);
    assertThat(summary.runGapMs()).map(Distribution::median).contains(25.0);
    assertThat(summary.oldLeaderStoppedMs()).isEmpty();
    assertThat(summary.clean()).isFalse();
  }

  @Test
  void saysWhenARunInFlightWasAbandoned() {
    RoundResult killedMidRun =
        new RoundResult.Builder(Scenario.SIGKILL, 1)
            .measured(RoundResult.Measure.TAKEOVER, 30)
            .abandonedRuns(1)
            .build();

    ScenarioSummary summary =
        ScenarioSummary.of(
            Scenario.SIGKILL, 2, List.of(killedMidRun, round(Scenario.SIGKILL, 2, 40)));

    assertThat(summary.abandonedRuns()).isEqualTo(1);
    assertThat(TakeoverReport.markdown(summary))
        .contains("1 probe run(s) were in flight at the handover");
  }

  private static RoundResult violated(
      int number, RoundResult.Violation kind, int count, String what) {
    return new RoundResult.Builder(Scenario.PAUSE, number)
        .measured(RoundResult.Measure.TAKEOVER, 4000)
        .violations(kind, count, what)
        .build();
  }

  @Test
  void aViolatedInvariantMakesTheScenarioUnclean() {
    List<RoundResult> rounds =
        List.of(
            violated(
                1, RoundResult.Violation.OVERLAPPING_RUNS, 1, "runs 7 and 8 overlap by 3.0 ms"),
            violated(
                2,
                RoundResult.Violation.STALE_RUNS_LANDED,
                2,
                "2 probe run(s) of term 4 started after term 5's jobs began"),
            violated(
                3,
                RoundResult.Violation.DUPLICATE_RUNS,
                1,
                "slot 2026-11-27T01:00:00Z run by 7 (baton-a, term 4), 9 (baton-b, term 5)"));

    ScenarioSummary summary = ScenarioSummary.of(Scenario.PAUSE, 3, rounds);

    assertThat(summary.completedRounds()).isEqualTo(3);
    assertThat(summary.checks().overlappingRuns()).isEqualTo(1);
    assertThat(summary.checks().staleRunsLanded()).isEqualTo(2);
    assertThat(summary.checks().duplicateRuns()).isEqualTo(1);
    assertThat(summary.clean()).isFalse();
    assertThat(TakeoverReport.markdown(summary))
        .contains("| overlapping probe runs | 1 |")
        .contains("- round 1: runs 7 and 8 overlap by 3.0 ms")
        .contains("| schedule slots run twice | 1 |")
        .contains("(fenced writes landed) | 2 |");
  }

  @Test
  void aTableRowHasTheFiguresTheTargetAndWhetherItIsMet() {
    Distribution fast = Distribution.of(List.of(30.0, 40.0, 50.0)).orElseThrow();
    Distribution slowTail = Distribution.of(List.of(30.0, 40.0, 900.0)).orElseThrow();

    assertThat(
            TakeoverReport.row("takeover", Optional.of(fast), Optional.of(Duration.ofMillis(250))))
        .isEqualTo("| takeover | 3 | 40 | 48 | 50 | 50 | ≤ 250 | yes, p99 too |");
    assertThat(TakeoverReport.met(slowTail, Duration.ofMillis(250))).isEqualTo("median only");
    assertThat(TakeoverReport.met(slowTail, Duration.ofMillis(20))).isEqualTo("no");
    assertThat(TakeoverReport.row("gap", Optional.empty(), Optional.empty()))
        .isEqualTo("| gap | 0 | – | – | – | – | – | – |");
  }

  @Test
  void millisecondsAreRoundedWithoutANegativeZero() {
    assertThat(TakeoverReport.ms(-0.4)).isEqualTo("0");
    assertThat(TakeoverReport.ms(-12.6)).isEqualTo("-13");
    assertThat(TakeoverReport.ms(4008.5)).isEqualTo("4009");
  }

  @Test
  void theJsonHoldsEveryRoundAndTheSummary() {
    TakeoverReport report =
        new TakeoverReport(
            new TakeoverReport.Run(
                T0,
                T0.plusSeconds(60),
                2,
                Duration.ofMillis(200),
                "15.20",
                2,
                "17",
                "Linux",
                false),
            List.of(
                ScenarioSummary.of(
                    Scenario.SIGTERM,
                    2,
                    List.of(round(Scenario.SIGTERM, 1, 20), round(Scenario.SIGTERM, 2, 30)))));
    ObjectMapper mapper = new ObjectMapper();

    JsonNode json = report.json(mapper);

    assertThat(json.get("clean").asBoolean()).isTrue();
    JsonNode sigterm = json.at("/scenarios/0");
    assertThat(sigterm.get("scenario").asText()).isEqualTo("sigterm");
    assertThat(sigterm.at("/targetsMs/takeoverMedian").asLong()).isEqualTo(250);
    assertThat(sigterm.at("/takeoverMs/median").asDouble()).isEqualTo(25.0);
    assertThat(sigterm.get("oldLeaderStoppedMs").isNull()).isTrue();
    assertThat(sigterm.at("/rounds/1/newTerm").asLong()).isEqualTo(3);
    assertThat(sigterm.at("/rounds/1/event").asText()).isEqualTo("2026-11-27T01:00:00Z");
    assertThat(sigterm.at("/rounds/0/failure").isNull()).isTrue();
    assertThat(sigterm.at("/rounds/0/abandonedRuns").asInt()).isZero();
    assertThat(report.markdown())
        .contains("### sigterm: leader stops gracefully (SIGTERM)")
        .contains("2 of 2 rounds completed.")
        .contains(
            "| takeover (from the clean release) | 2 | 25 | 29 | 30 | 30 | ≤ 250 | yes, p99 too |");
  }

  @Test
  void anOutageIsJudgedByItsLockHolderAndCountsFencedWrites() {
    RoundResult outage =
        new RoundResult.Builder(Scenario.OUTAGE, 1)
            .measured(RoundResult.Measure.TAKEOVER, 300)
            .measured(RoundResult.Measure.LOCK_HOLDER_AFTER_BACK, 120)
            .fencedWrites(2)
            .build();

    ScenarioSummary summary = ScenarioSummary.of(Scenario.OUTAGE, 1, List.of(outage));

    assertThat(summary.fencedWrites()).isEqualTo(2);
    assertThat(TakeoverReport.markdown(summary))
        .contains("| takeover (from the database's return) | 1 | 300 | 300 | 300 | 300 | – | – |")
        .contains(
            "| lock holder after the database is back | 1 | 120 | 120 | 120 | 120 | ≤ 2000 |"
                + " yes, p99 too |")
        .contains("2 write(s) of an old term were refused by fencing");
  }

  @Test
  void theTimelineDrawnIsTheRoundNearestTheMedian() {
    List<RoundResult> rounds = new java.util.ArrayList<>();
    double[] takeovers = {20, 35, 900};
    for (int i = 0; i < takeovers.length; i++) {
      Timeline picture =
          new Timeline("round " + (i + 1), T0, T0.plusSeconds(1), List.of(), List.of());
      rounds.add(
          new RoundResult.Builder(Scenario.SIGKILL, i + 1)
              .measured(RoundResult.Measure.TAKEOVER, takeovers[i])
              .timeline(picture)
              .build());
    }

    ScenarioSummary summary = ScenarioSummary.of(Scenario.SIGKILL, 3, rounds);

    assertThat(summary.typicalTimeline()).map(Timeline::title).contains("round 2");
  }
}
