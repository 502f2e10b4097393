package dev.baton.adapters.sqlite;

import dev.baton.domain.port.ClockPort;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that moves only when told, or by a fixed step at every reading. */
final class TestClock implements ClockPort {
  private final AtomicReference<Instant> now;
  private final Duration stepPerReading;

  private TestClock(Instant start, Duration stepPerReading) {
    this.now = new AtomicReference<>(start);
    this.stepPerReading = stepPerReading;
  }

  static TestClock stoppedAt(String instant) {
    return new TestClock(Instant.parse(instant), Duration.ZERO);
  }

  /** Each reading is one millisecond after the previous one, so stored times differ. */
  static TestClock tickingFrom(String instant) {
    return new TestClock(Instant.parse(instant), Duration.ofMillis(1));
  }

  @Override
  public Instant now() {
    return now.getAndUpdate(current -> current.plus(stepPerReading));
  }

  void set(Instant instant) {
    now.set(instant);
  }
}
