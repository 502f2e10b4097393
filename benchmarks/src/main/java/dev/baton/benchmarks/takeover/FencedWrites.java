package dev.baton.benchmarks.takeover;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the database refused because a newer term existed, counted from each process's {@code
 * baton_fenced_writes_rejected_total} before a round and after it.
 */
final class FencedWrites {
  static final String METRIC = "baton_fenced_writes_rejected_total";

  /** Nothing counted: a round that failed before it began. */
  static final FencedWrites NONE = new FencedWrites(Map.of());

  private final Map<BatonInstance, Double> before; // a null value: the process did not answer

  private FencedWrites(Map<BatonInstance, Double> before) {
    this.before = before;
  }

  /** Reads the counters of {@code instances} now. */
  static FencedWrites countFrom(List<BatonInstance> instances) throws InterruptedException {
    return new FencedWrites(read(instances));
  }

  /**
   * The increase since {@link #countFrom}, over the processes alive then and now (a dead one's
   * counter is gone with it, and it wrote nothing after dying); null when one of them did not
   * answer, or nothing was counted.
   */
  Integer since() throws InterruptedException {
    if (before.isEmpty()) {
      return null;
    }
    List<BatonInstance> stillAlive =
        before.keySet().stream().filter(BatonInstance::isAlive).toList();
    Map<BatonInstance, Double> after = read(stillAlive);
    double total = 0;
    for (BatonInstance instance : stillAlive) {
      Double was = before.get(instance);
      Double now = after.get(instance);
      if (was == null || now == null) {
        return null;
      }
      total += now - was;
    }
    return (int) Math.round(total);
  }

  private static Map<BatonInstance, Double> read(List<BatonInstance> instances)
      throws InterruptedException {
    Map<BatonInstance, Double> counts = new HashMap<>();
    for (BatonInstance instance : instances) {
      try {
        counts.put(instance, instance.counter(METRIC));
      } catch (IOException | IllegalArgumentException e) {
        counts.put(instance, null);
      }
    }
    return counts;
  }
}
