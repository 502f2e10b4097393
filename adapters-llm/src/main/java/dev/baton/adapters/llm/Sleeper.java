package dev.baton.adapters.llm;

import java.time.Duration;

/** Waits between attempts; tests pass one that records the wait instead of sleeping. */
@FunctionalInterface
interface Sleeper {
  Sleeper THREAD_SLEEP = duration -> Thread.sleep(duration.toMillis());

  void sleep(Duration duration) throws InterruptedException;
}
