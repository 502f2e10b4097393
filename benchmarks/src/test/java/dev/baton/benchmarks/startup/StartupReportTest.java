package dev.baton.benchmarks.startup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class StartupReportTest {
  private static final StartupReport.Run RUN =
      new StartupReport.Run(
          Instant.parse("2026-01-01T00:00:00Z"), "baton.jar", 34_000_000, List.of(), 2, "17", 0.5);

  @Test
  void summarisesTheRestartsBesideTheFirstStart() {
    StartupReport report =
        new StartupReport(
            RUN,
            start(3000, 2500),
            List.of(start(1000, 1500), start(2000, 1600), start(1500, 1700)),
            0.7);

    assertThat(report.readyMs().median()).isEqualTo(1500);
    assertThat(report.markdown())
        .contains("| start to `/readyz` 200, existing database | 1500 ms |")
        .contains("| CPU time until ready (all threads) | 1600 ms |")
        .contains("| first start, fresh database | 3000 ms |");
    ObjectNode json = report.json(new ObjectMapper());
    assertThat(json.path("readyMs").path("median").asDouble()).isEqualTo(1500);
    assertThat(json.path("restarts")).hasSize(3);
  }

  @Test
  void leavesOutWhatTheSystemDoesNotTell() {
    StartupReport report =
        new StartupReport(
            RUN,
            new StartupReport.Start(900, OptionalLong.empty(), OptionalLong.empty()),
            List.of(new StartupReport.Start(800, OptionalLong.empty(), OptionalLong.empty())),
            0.1);

    assertThat(report.markdown()).doesNotContain("CPU time").doesNotContain("resident memory");
    assertThat(report.json(new ObjectMapper()).path("restarts").get(0).path("cpuMs").isNull())
        .isTrue();
  }

  private static StartupReport.Start start(double readyMs, long cpuMs) {
    return new StartupReport.Start(readyMs, OptionalLong.of(180 * 1024), OptionalLong.of(cpuMs));
  }
}
