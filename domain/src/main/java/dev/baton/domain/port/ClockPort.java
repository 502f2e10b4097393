package dev.baton.domain.port;

import java.time.Instant;

/** The only source of the current time outside bootstrap; tests pass a settable clock. */
@FunctionalInterface
public interface ClockPort {
  Instant now();
}
