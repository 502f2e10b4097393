package dev.baton.benchmarks.polling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimitReportTest {

  @Test
  void theAllowedTimeIsThatOfTheBusierProvider() {
    RateLimitReport.Target target = new RateLimitReport.Target(1201, 300);

    // 601 requests to the busier API at 300 a minute
    assertThat(target.busiestProviderRequests()).isEqualTo(601);
    assertThat(target.allowedMs()).isEqualTo(120_200);
  }

  @Test
  void reportsTheShareOf429sAndTheTimeBesideTheAllowedOne() {
    RateLimitReport.Target target = new RateLimitReport.Target(1200, 300);
    RateLimitReport report =
        new RateLimitReport(
            target, 50, 16, List.of(new RateLimitReport.Cycle(132_000, 1210, 10, 0)));

    assertThat(report.cycles().get(0).timeRatio(target)).isEqualTo(1.1);
    assertThat(report.markdown()).contains("| 1 | 132.0 s | 1.10 | 1210 | 10 | 0.83 % | 0 |");
    assertThat(report.json(new ObjectMapper()).path("cycles").get(0).path("rateLimited").asLong())
        .isEqualTo(10);
  }
}
