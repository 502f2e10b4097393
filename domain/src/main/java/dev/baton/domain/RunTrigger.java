package dev.baton.domain;

/** Why a run starts. */
public enum RunTrigger {
  /** Its schedule's slot came: held back while the job is paused; the slot is stored. */
  SCHEDULED,
  /** Someone asked for it (run-now, on any instance): runs even while paused; the slot stays. */
  REQUESTED,
  /**
   * The job woke for work it was told of (a provider's webhook asked for a batch's poll) and does
   * only that work: held back while the job is paused; neither its slot nor a stored run request
   * changes.
   */
  WOKEN
}
