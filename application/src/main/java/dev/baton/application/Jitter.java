package dev.baton.application;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Chooses a random delay up to a bound, so tests can fix it. */
@FunctionalInterface
public interface Jitter {

  /** A delay in {@code [0, max]}. */
  Duration upTo(Duration max);

  /** Uniform random jitter with millisecond resolution. */
  static Jitter random() {
    return max ->
        max.isZero()
            ? Duration.ZERO
            : Duration.ofMillis(ThreadLocalRandom.current().nextLong(max.toMillis() + 1));
  }

  static Jitter none() {
    return max -> Duration.ZERO;
  }
}
