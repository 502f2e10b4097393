package dev.baton.application.schedule;

import java.time.Instant;
import java.util.Objects;

/**
 * The answer of {@link JobSchedule#due}: the slot a run stands for and when it starts.
 *
 * @param slot the instant the run stands for; store it as the job's last slot ({@code
 *     last_slot_at}) when the run starts, and pass it to the next {@link JobSchedule#due} call
 * @param runAt when the run starts: the slot itself when it is still to come, or the time of the
 *     question when the slot has passed (a catch-up run); never before {@code slot}
 */
public record DueSlot(Instant slot, Instant runAt) {

  public DueSlot {
    Objects.requireNonNull(slot, "slot");
    Objects.requireNonNull(runAt, "runAt");
    if (runAt.isBefore(slot)) {
      throw new IllegalArgumentException("run at " + runAt + " is before its slot " + slot);
    }
  }

  /** The slot {@code slot} started at its own time, or at {@code now} if that is later. */
  static DueSlot of(Instant slot, Instant now) {
    return new DueSlot(slot, slot.isBefore(now) ? now : slot);
  }

  /** Whether the slot has passed, so the run starts late: a catch-up run. */
  public boolean overdue() {
    return runAt.isAfter(slot);
  }
}
