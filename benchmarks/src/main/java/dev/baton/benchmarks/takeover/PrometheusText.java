package dev.baton.benchmarks.takeover;

/** Reads a sample out of the Prometheus text format, the way {@code GET /metrics} answers. */
final class PrometheusText {

  private PrometheusText() {}

  /**
   * The sum of every sample of {@code metric} (all label sets); 0 when there is none. Comment
   * lines, other metrics and metrics whose name merely starts with {@code metric} are skipped.
   *
   * @throws IllegalArgumentException when a sample of {@code metric} has no number
   */
  static double sum(String exposition, String metric) {
    double total = 0;
    for (String line : exposition.lines().toList()) {
      if (line.startsWith("#") || !line.startsWith(metric)) {
        continue;
      }
      String rest = line.substring(metric.length());
      if (rest.startsWith("{")) {
        int end = rest.indexOf('}');
        if (end < 0) {
          throw new IllegalArgumentException("unterminated labels: " + line);
        }
        rest = rest.substring(end + 1);
      } else if (!rest.startsWith(" ")) {
        continue; // another metric sharing the prefix
      }
      String[] fields = rest.strip().split("\\s+");
      try {
        total += Double.parseDouble(fields[0]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("no value in: " + line, e);
      }
    }
    return total;
  }
}
