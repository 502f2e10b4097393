package dev.baton.adapters.llm;

import java.time.Duration;

/**
 * Monotonic time and waiting, for timeouts, backoff and pacing: tests pass one whose waits are
 * recorded and move its time forward instead of sleeping.
 */
interface Ticker {
  Ticker SYSTEM =
      new Ticker() {
        @Override
        public long nanoTime() {
          return System.nanoTime();
        }

        @Override
        public void sleep(Duration duration) throws InterruptedException {
          long nanos = duration.toNanos();
          if (nanos > 0) {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
          }
        }
      };

  /** As {@link System#nanoTime()}: only differences mean something. */
  long nanoTime();

  void sleep(Duration duration) throws InterruptedException;
}
