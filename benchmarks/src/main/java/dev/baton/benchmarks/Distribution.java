package dev.baton.benchmarks;

import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;

/**
 * The figures a benchmark reports for one measure.
 *
 * <p>Percentiles interpolate linearly between the two nearest ranks (numpy's default, Excel's
 * {@code PERCENTILE.INC}), so the median of an even count is the mean of the middle two and p99 of
 * ten rounds lies between the ninth value and the maximum instead of being the maximum itself.
 */
public record Distribution(
    int count, double min, double median, double p90, double p99, double max) {

  public Distribution {
    if (count < 1) {
      throw new IllegalArgumentException("a distribution needs at least one value: " + count);
    }
  }

  /** Empty when there is nothing to summarise. */
  public static Optional<Distribution> of(Collection<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    if (sorted.length == 0) {
      return Optional.empty();
    }
    for (double value : sorted) {
      if (Double.isNaN(value)) {
        throw new IllegalArgumentException("NaN among the values: " + values);
      }
    }
    return Optional.of(
        new Distribution(
            sorted.length,
            sorted[0],
            percentile(sorted, 50),
            percentile(sorted, 90),
            percentile(sorted, 99),
            sorted[sorted.length - 1]));
  }

  /**
   * The {@code p}-th percentile (0–100) of values sorted ascending: rank {@code p/100 × (n − 1)},
   * interpolated between its neighbours.
   */
  public static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      throw new IllegalArgumentException("no values");
    }
    if (!(p >= 0 && p <= 100)) {
      throw new IllegalArgumentException("percentile outside 0..100: " + p);
    }
    if (!isSorted(sorted)) {
      throw new IllegalArgumentException("values not sorted: " + Arrays.toString(sorted));
    }
    double rank = p / 100 * (sorted.length - 1);
    int below = (int) Math.floor(rank);
    int above = (int) Math.ceil(rank);
    return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
  }

  private static boolean isSorted(double[] values) {
    for (int i = 1; i < values.length; i++) {
      if (values[i - 1] > values[i]) {
        return false;
      }
    }
    return true;
  }
}
