package dev.baton.application.schedule;

import dev.baton.testsupport.fakes.SettableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Drives a schedule the way the job scheduler does, on a settable clock. */
final class Slots {
  private Slots() {}

  /** The slots after {@code from} up to and including {@code until}, one after the other. */
  static List<Instant> between(CronSchedule schedule, Instant from, Instant until) {
    List<Instant> slots = new ArrayList<>();
    for (Instant slot = schedule.nextSlotAfter(from);
        !slot.isAfter(until);
        slot = schedule.nextSlotAfter(slot)) {
      slots.add(slot);
    }
    return slots;
  }

  /**
   * The runs a scheduler makes until {@code until}: it asks {@link JobSchedule#due} with the stored
   * last slot and the clock's time, sets the clock to the run's start, stores its slot, and asks
   * again.
   */
  static List<DueSlot> run(
      JobSchedule schedule, SettableClock clock, Optional<Instant> lastSlot, Instant until) {
    List<DueSlot> runs = new ArrayList<>();
    Optional<Instant> last = lastSlot;
    while (true) {
      DueSlot due = schedule.due(last, clock.now());
      if (due.runAt().isAfter(until)) {
        return runs;
      }
      clock.set(due.runAt());
      runs.add(due);
      last = Optional.of(due.slot());
    }
  }
}
