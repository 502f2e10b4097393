package dev.baton.application;

import dev.baton.application.schedule.DueSlot;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.function.LongFunction;

/** One job's state in the {@link JobScheduler}. Every field is guarded by the scheduler's lock. */
final class JobSlot {
  final JobDefinition definition;
  final RunRequests requests = new RunRequests();
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

  /** The slot the armed timer stands for when it is due by {@code now}; otherwise null. */
  Instant plannedSlotDueBy(Instant now) {
    return plannedSlot != null && !plannedSlot.isAfter(now) ? plannedSlot : null;
  }

  /**
   * Arms the timer for {@code at}, standing for {@code plannedSlot} (null: for the requests only).
   *
   * @param schedule schedules the trigger, which carries the generation it was armed with
   */
  void arm(Instant plannedSlot, Instant at, LongFunction<ScheduledFuture<?>> schedule) {
    nextRunAt = at;
    this.plannedSlot = plannedSlot;
    timer = schedule.apply(++generation);
  }

  /**
   * The armed timer fired: a run starts and takes the requests, unless a run is still in flight
   * (null).
   */
  RunRequests.Taken startRun() {
    timer = null;
    nextRunAt = null;
    plannedSlot = null;
    if (running) {
      return null;
    }
    running = true;
    return requests.take();
  }

  JobView view() {
    return new JobView(definition, nextRunAt, running);
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
