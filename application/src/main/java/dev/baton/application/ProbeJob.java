package dev.baton.application;

import java.time.Duration;

/**
 * A job that does nothing but leave its {@code baton_job_run} rows, so that operators and the
 * failover harness can see the scheduler tick and measure gaps between leaders.
 */
public final class ProbeJob {
  public static final String NAME = "probe";

  private ProbeJob() {}

  /** The probe at {@code interval}, without jitter: its gaps are what it measures. */
  public static JobDefinition every(Duration interval) {
    return new JobDefinition(NAME, interval, Duration.ZERO, run -> {});
  }
}
