package dev.baton.adapters.llm;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records each wait the retry policy asks for and returns at once, so tests never sleep. */
final class RecordingSleeper implements Sleeper {
  private final List<Duration> waits = new CopyOnWriteArrayList<>();

  @Override
  public void sleep(Duration duration) {
    waits.add(duration);
  }

  List<Duration> waits() {
    return List.copyOf(waits);
  }
}
