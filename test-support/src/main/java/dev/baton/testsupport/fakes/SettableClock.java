package dev.baton.testsupport.fakes;

import dev.baton.domain.port.ClockPort;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A clock that moves only when a test moves it. */
public final class SettableClock implements ClockPort {
  private volatile Instant now;

  public SettableClock(Instant start) {
    this.now = Objects.requireNonNull(start, "start");
  }

  public static SettableClock atEpochDay() {
    return new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
  }

  @Override
  public Instant now() {
    return now;
  }

  public synchronized void set(Instant instant) {
    this.now = Objects.requireNonNull(instant, "instant");
  }

  public synchronized void advance(Duration duration) {
    this.now = now.plus(duration);
  }
}
