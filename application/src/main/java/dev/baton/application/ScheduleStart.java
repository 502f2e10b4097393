package dev.baton.application;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A leadership's first run of each job, read from the stored cadence, ready to schedule: what
 * {@link JobScheduler#prepare} plans and {@link JobScheduler#startLeading} arms.
 */
public record ScheduleStart(JobScheduler.Leadership leadership, Map<String, Planned> plan) {
  public ScheduleStart {
    Objects.requireNonNull(leadership, "leadership");
    plan = Map.copyOf(plan);
  }

  /** A job's first slot under a leadership, and when it runs. */
  record Planned(Optional<Instant> lastSlot, Instant slot, Instant runAt) {}
}
