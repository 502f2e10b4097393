package dev.baton.benchmarks.takeover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {
  private static final String METRICS =
      """
      # HELP baton_fenced_writes_rejected_total Writes refused because a newer term exists
      # TYPE baton_fenced_writes_rejected_total counter
      baton_fenced_writes_rejected_total 2.0
      baton_fenced_writes_rejected_total_extra 40.0
      # TYPE baton_lock_attempts_total counter
      baton_lock_attempts_total{result="acquired"} 3.0
      baton_lock_attempts_total{result="timeout"} 7.0 1764201600000
      """;

  @Test
  void readsAPlainSample() {
    assertThat(PrometheusText.sum(METRICS, "baton_fenced_writes_rejected_total")).isEqualTo(2.0);
  }

  @Test
  void sumsEveryLabelSetAndIgnoresTimestamps() {
    assertThat(PrometheusText.sum(METRICS, "baton_lock_attempts_total")).isEqualTo(10.0);
  }

  @Test
  void aMissingMetricIsZero() {
    assertThat(PrometheusText.sum(METRICS, "baton_leadership_losses_total")).isZero();
  }

  @Test
  void aSampleWithoutANumberIsAnError() {
    assertThatThrownBy(() -> PrometheusText.sum("baton_x_total{a=\"b\"} n/a\n", "baton_x_total"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("baton_x_total");
  }
}
