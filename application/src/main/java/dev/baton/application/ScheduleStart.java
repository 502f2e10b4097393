package dev.baton.application;

import dev.baton.application.schedule.DueSlot;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
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

  /** Plans the first run of each job of {@code slots} after its {@code stored} last slot. */
  static ScheduleStart plan(
      JobScheduler.Leadership leadership,
      Collection<JobSlot> slots,
      Map<String, Instant> stored,
      Instant from,
      Jitter jitter) {
    Map<String, Planned> plan = new LinkedHashMap<>();
    for (JobSlot slot : slots) {
      Optional<Instant> lastSlot = Optional.ofNullable(stored.get(slot.definition.name()));
      DueSlot due = slot.definition.schedule().due(lastSlot, from);
      // A missed slot runs at once, but never before the jobs may start.
      Instant runAt =
          Collections.max(List.of(slot.runAt(due, from, jitter), leadership.jobsStartAt()));
      plan.put(slot.definition.name(), new Planned(lastSlot, due.slot(), runAt));
    }
    return new ScheduleStart(leadership, plan);
  }

  /** A job's first slot under a leadership, and when it runs (never before its jobs start). */
  record Planned(Optional<Instant> lastSlot, Instant slot, Instant runAt) {}
}
