package dev.baton.adapters.llm;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records each wait and returns at once, moving its time forward by the wait, so tests never sleep
 * and what waits on this time sees it pass.
 */
final class RecordingTicker implements Ticker {
  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private final AtomicLong slept = new AtomicLong();

  @Override
  public long nanoTime() {
    return System.nanoTime() + slept.get();
  }

  @Override
  public void sleep(Duration duration) {
    waits.add(duration);
    slept.addAndGet(duration.toNanos());
  }

  List<Duration> waits() {
    return List.copyOf(waits);
  }
}
