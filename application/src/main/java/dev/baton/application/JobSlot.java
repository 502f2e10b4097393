package dev.baton.application;

import dev.baton.application.schedule.DueSlot;
import dev.baton.domain.JobRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/** One job's state in the {@link JobScheduler}. Every field is guarded by the scheduler's lock. */
final class JobSlot {
  final JobDefinition definition;
  final List<CompletableFuture<JobRun>> waiting = new ArrayList<>();
  boolean storedRequestQueued;
  boolean wakeQueued; // the task has work asked for: a woken run is due
  Optional<Instant> lastSlot = Optional.empty();
  ScheduledFuture<?> timer;
  Instant nextRunAt;
  Instant plannedSlot; // the slot the armed timer stands for, or null for requests only
  long generation;
  boolean running;

  JobSlot(JobDefinition definition) {
    this.definition = definition;
  }

  /** The next slot after the last one, as of {@code now}, and when it runs. */
  DueSlot due(Instant now) {
    return definition.schedule().due(lastSlot, now);
  }

  /** A slot due now runs at once; one still to come may be moved by the job's jitter. */
  Instant runAt(DueSlot due, Instant now, Jitter jitter) {
    return due.runAt().isAfter(now)
        ? due.runAt().plus(jitter.upTo(definition.maxJitter()))
        : due.runAt();
  }

  boolean hasRequests() {
    return !waiting.isEmpty() || storedRequestQueued || wakeQueued;
  }

  void disarm() {
    generation++;
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
    nextRunAt = null;
    plannedSlot = null;
  }
}
