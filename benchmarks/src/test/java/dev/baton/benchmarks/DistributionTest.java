package dev.baton.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DistributionTest {
  private static final double[] ONE_TO_TEN =
      IntStream.rangeClosed(1, 10).asDoubleStream().toArray();

  @ParameterizedTest(name = "p{0} of 1..10 is {1}")
  @CsvSource({"0, 1", "10, 1.9", "50, 5.5", "90, 9.1", "99, 9.91", "100, 10"})
  void interpolatesBetweenTheNearestRanks(double p, double expected) {
    assertThat(Distribution.percentile(ONE_TO_TEN, p)).isCloseTo(expected, within(1e-9));
  }

  @Test
  void theMedianOfAnOddCountIsItsMiddleValue() {
    assertThat(Distribution.percentile(new double[] {1, 2, 40}, 50)).isEqualTo(2);
  }

  @Test
  void oneValueIsEveryPercentile() {
    Distribution one = Distribution.of(List.of(42.0)).orElseThrow();

    assertThat(one).isEqualTo(new Distribution(1, 42, 42, 42, 42, 42));
  }

  @Test
  void summarisesValuesInAnyOrder() {
    Distribution d = Distribution.of(List.of(30.0, 10.0, -5.0, 20.0)).orElseThrow();

    assertThat(d.count()).isEqualTo(4);
    assertThat(d.min()).isEqualTo(-5);
    assertThat(d.median()).isEqualTo(15);
    assertThat(d.p90()).isCloseTo(27, within(1e-9));
    assertThat(d.p99()).isCloseTo(29.7, within(1e-9));
    assertThat(d.max()).isEqualTo(30);
  }

  @Test
  void aTailValueMovesP99ButNotTheMedian() {
    List<Double> rounds = List.of(40.0, 41.0, 39.0, 42.0, 38.0, 40.0, 41.0, 39.0, 40.0, 900.0);

    Distribution d = Distribution.of(rounds).orElseThrow();

    assertThat(d.median()).isEqualTo(40);
    assertThat(d.p99()).isGreaterThan(800).isLessThan(900);
    assertThat(d.max()).isEqualTo(900);
  }

  @Test
  void nothingToSummariseIsEmpty() {
    assertThat(Distribution.of(List.of())).isEmpty();
  }

  @Test
  void refusesWhatHasNoPercentile() {
    assertThatThrownBy(() -> Distribution.percentile(new double[0], 50))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Distribution.percentile(ONE_TO_TEN, 101))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Distribution.percentile(ONE_TO_TEN, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Distribution.percentile(new double[] {2, 1}, 50))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not sorted");
    assertThatThrownBy(() -> Distribution.of(List.of(1.0, Double.NaN)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
