package dev.baton.bootstrap;

import dev.baton.domain.port.ClockPort;
import java.time.Clock;
import java.time.Instant;

/** The wall clock; the one place outside tests where Baton reads the time. */
final class SystemClock implements ClockPort {
  private final Clock clock = Clock.systemUTC();

  @Override
  public Instant now() {
    return clock.instant();
  }
}
