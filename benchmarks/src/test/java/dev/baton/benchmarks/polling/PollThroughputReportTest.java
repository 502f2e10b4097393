package dev.baton.benchmarks.polling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.benchmarks.polling.PollThroughputReport.Cycle;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PollThroughputReportTest {
  // N·L/C = 500 × 50 / 16 = 1562.5 ms; the limit is 1875 ms plus the cycle's database time.
  private static final CycleTarget TARGET = new CycleTarget(500, Duration.ofMillis(50), 16);
  private static final CycleTarget TEN_THOUSAND = new CycleTarget(10_000, Duration.ZERO, 16);
  private static final PollThroughputReport.Run RUN =
      new PollThroughputReport.Run(
          Instant.parse("2026-11-27T05:00:00Z"),
          Instant.parse("2026-11-27T05:01:00Z"),
          1,
          "15.20",
          2,
          "17.0.15",
          "Linux amd64",
          1.5,
          2.25);

  /** The second with a slower cycle, a slower status write and two failed polls. */
  private static final List<Cycle> TWO_CYCLES =
      List.of(
          new Cycle(1700.4, 20, 150, 500, 0, 60, 180), new Cycle(1800.6, 30, 250, 500, 2, 60, 180));

  private static PollThroughputReport report(List<Cycle> cycles) {
    return new PollThroughputReport(RUN, TARGET, cycles);
  }

  private static Cycle cycle(double wallMs, double databaseMs) {
    return new Cycle(wallMs, databaseMs, 10, 500, 0, 60, 180);
  }

  /** Cycles over 10 000 batches, whose status writes the target speaks of. */
  private static String statusWritesOfTenThousand(double... writesMs) {
    List<Cycle> cycles = new ArrayList<>();
    for (double write : writesMs) {
      cycles.add(new Cycle(15_000, 800, write, 10_000, 0, 60, 180));
    }
    return new PollThroughputReport(RUN, TEN_THOUSAND, cycles).statusWriteTargetMet();
  }

  @Test
  void theCycleTargetIsMetByEveryCycleWithinItsOwnLimitByTheMedianOrNot() {
    assertThat(report(List.of(cycle(1700, 20), cycle(1890, 40))).cycleTargetMet())
        .isEqualTo("yes, every cycle");
    assertThat(report(List.of(cycle(1700, 20), cycle(1710, 20), cycle(2500, 20))).cycleTargetMet())
        .isEqualTo("median only");
    assertThat(report(List.of(cycle(2000, 20), cycle(2100, 20))).cycleTargetMet()).isEqualTo("no");
  }

  @Test
  void statusWritesAreJudgedByTheirMaximumAndMedianForTenThousandBatches() {
    assertThat(statusWritesOfTenThousand(100, 499)).isEqualTo("yes, max too");
    assertThat(statusWritesOfTenThousand(100, 200, 600)).isEqualTo("median only");
    assertThat(statusWritesOfTenThousand(500)).isEqualTo("no");
    assertThat(report(List.of(cycle(1700, 20))).statusWriteTargetMet()).startsWith("–");
  }

  @Test
  void theTableShowsTheFiguresBesideTheTargets() {
    String markdown = report(TWO_CYCLES).markdown();

    assertThat(markdown)
        .contains("500 running batches")
        .contains("latency 50 ms, concurrency 16")
        .contains("load average 1.50 before and 2.25 after")
        .contains(
            "| one poll cycle over 500 batches | 2 | 1751 | 1801 | ≤ 1.2 × N·L/C + database time ="
                + " 1.2 × 1563 + 25 = 1900 (median) | yes, every cycle |")
        .contains("| database time within the cycle | 2 | 25 | 30 | – | – |")
        .contains(
            "| 500 status updates (the cycle's `recordPolls`, one fenced statement) | 2 | 200 | 250 |")
        .contains("< 500 for 10000 | – (target is for 10000) |")
        .contains("| 2 | 1801 | 30 | 1905 | yes | 250 | 500 | 2 | 60 | 180 |")
        .contains(
            "| heap in use at the cycle's peak, MB (the JVM also holds the simulator) | 2 | 180 |")
        .contains("2 poll(s) failed");
  }

  @Test
  void theJsonHoldsSettingsTargetsAndEverySample() {
    JsonNode json = report(TWO_CYCLES).json(new ObjectMapper());

    assertThat(json.path("benchmark").asText()).isEqualTo("poll-throughput");
    assertThat(json.path("pollCycle").path("cycles").get(0).path("heapPeakMb").asDouble())
        .isEqualTo(180.0);
    assertThat(json.path("pollCycle").path("cycles").get(1).path("statusWriteMs").asDouble())
        .isEqualTo(250.0);
    assertThat(json.path("settings").path("batches").asInt()).isEqualTo(500);
    assertThat(json.path("settings").path("latencyMs").asDouble()).isEqualTo(50.0);
    assertThat(json.path("settings").path("concurrency").asInt()).isEqualTo(16);
    assertThat(json.path("machine").path("loadAverageAfter").asDouble()).isEqualTo(2.25);
    assertThat(json.path("pollCycle").path("providerBoundMs").asDouble()).isEqualTo(1562.5);
    assertThat(json.path("pollCycle").path("limitAtMedianDatabaseMs").asDouble()).isEqualTo(1900.0);
    assertThat(json.path("pollCycle").path("cycles").get(0).path("met").asBoolean()).isTrue();
    assertThat(json.path("statusWrites").path("updates").asInt()).isEqualTo(500);
    assertThat(json.path("statusWrites").path("ms").path("median").asDouble()).isEqualTo(200.0);
    assertThat(json.path("statusWrites").path("samplesMs")).hasSize(2);
    assertThat(json.path("statusWrites").path("targetMs").asDouble()).isEqualTo(500.0);
  }

  @Test
  void refusesAReportWithoutFigures() {
    assertThatThrownBy(() -> report(List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void millisecondsAreWholeExceptBelowTen() {
    assertThat(PollThroughputReport.ms(1562.5)).isEqualTo("1563");
    assertThat(PollThroughputReport.ms(4.25)).isEqualTo("4.3");
    assertThat(PollThroughputReport.ms(0)).isEqualTo("0.0");
  }
}
