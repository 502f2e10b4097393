package dev.baton.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * What is stored of one job across leaders and restarts ({@code baton_scheduled_job}).
 *
 * @param lastStartedAt when a run of it last started, under any leader, or null
 * @param lastSlotAt the slot its last scheduled run stood for, or null when it never ran on its
 *     schedule; a new leader continues the cadence from here
 * @param paused whether its scheduled runs are held back (a requested run still runs)
 * @param runRequestedAt when a run was asked for on an instance that did not lead, until the leader
 *     starts it; or null
 */
public record ScheduledJob(
    String jobName,
    Instant lastStartedAt,
    Instant lastSlotAt,
    boolean paused,
    Instant runRequestedAt) {

  public ScheduledJob {
    Objects.requireNonNull(jobName, "jobName");
  }

  /** A job nothing was stored for yet. */
  public static ScheduledJob unknown(String jobName) {
    return new ScheduledJob(jobName, null, null, false, null);
  }
}
