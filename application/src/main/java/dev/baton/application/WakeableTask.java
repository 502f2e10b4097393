package dev.baton.application;

import dev.baton.domain.RunTrigger;

/**
 * A task that can be told of work between its runs — by a provider's webhook, received on any
 * instance and stored. While the job is idle, the leader asks it every second (beside the stored
 * run requests) and, when it has such work, starts a {@link RunTrigger#WOKEN woken} run that does
 * only that work: still one run of the job at a time, held back while the job is paused. A run in
 * progress takes such work itself.
 */
public interface WakeableTask extends JobTask {

  /** Whether work was asked for that a woken run would do; may ask the database, never throws. */
  boolean hasWorkAskedFor();
}
