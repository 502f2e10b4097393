package dev.baton.domain;

/** Why a run starts. */
public enum RunTrigger {
  /** Its schedule's slot came: held back while the job is paused; the slot is stored. */
  SCHEDULED,
  /** Someone asked for it (run-now, on any instance): runs even while paused; the slot stays. */
  REQUESTED
}
