package dev.baton.benchmarks.polling;

import java.time.Duration;

/**
 * The target bound on one poll cycle: with a provider of fixed latency L answering C calls at once,
 * a cycle over N running batches takes at most 1.2 × N·L/C plus the database time.
 */
record CycleTarget(int batches, Duration latency, int concurrency) {
  static final double ALLOWANCE = 1.2;

  CycleTarget {
    if (batches < 1 || concurrency < 1 || latency.isNegative()) {
      throw new IllegalArgumentException(
          "batches and concurrency must be positive, latency not negative: "
              + batches
              + ", "
              + concurrency
              + ", "
              + latency);
    }
  }

  /** N·L/C: the cycle if every call took exactly L and C were always in flight. */
  double providerBoundMs() {
    return batches * (latency.toNanos() / 1e6) / concurrency;
  }

  /** The most a cycle that spent {@code databaseMs} in the store may take. */
  double limitMs(double databaseMs) {
    return ALLOWANCE * providerBoundMs() + databaseMs;
  }

  boolean met(double cycleMs, double databaseMs) {
    return cycleMs <= limitMs(databaseMs);
  }
}
