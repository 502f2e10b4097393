package dev.baton.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PromQlTest {
  @Test
  void metricsAreTheSelectorsAndLabelsTheMatchersAndGroupings() {
    PromQl.Names names =
        PromQl.names(
            "histogram_quantile(0.95, sum by (exported_job, le) (rate("
                + "baton_job_run_duration_seconds_bucket{job=\"$job\", instance=~\"$instance\"}"
                + "[$__rate_interval]))) / on (job) group_left(version) baton_build_info"
                + " > bool 1e3 or max without (pool) (hikaricp_connections offset 15m)");

    assertThat(names.metrics())
        .containsExactly(
            "baton_build_info", "baton_job_run_duration_seconds_bucket", "hikaricp_connections");
    assertThat(names.labels())
        .containsExactly("exported_job", "instance", "job", "le", "pool", "version");
  }

  @Test
  void anAggregationWithItsGroupingAfterTheArgumentIsNoMetric() {
    PromQl.Names names = PromQl.names("sum(rate(baton_job_runs_total[5m])) by (outcome) > 0");

    assertThat(names.metrics()).containsExactly("baton_job_runs_total");
    assertThat(names.labels()).containsExactly("outcome");
  }

  @Test
  void grafanasLabelValuesQueryNamesItsMetricAndLabel() {
    PromQl.Names names =
        PromQl.templateQueryNames("label_values(baton_build_info{job=\"$job\"}, instance)");

    assertThat(names.metrics()).containsExactly("baton_build_info");
    assertThat(names.labels()).containsExactly("instance", "job");
  }

  @Test
  void whatItCannotReadIsAnError() {
    assertThatThrownBy(() -> PromQl.names("sum(baton_leader) ; drop"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot read '; drop'");
    assertThatThrownBy(() -> PromQl.names("sum by job (baton_leader)"))
        .hasMessageContaining("'by' without a label list");
  }
}
