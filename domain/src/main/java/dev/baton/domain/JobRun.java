package dev.baton.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of {@code baton_job_run}: a run of a job by one instance under one term.
 *
 * @param finishedAt null while {@link JobRunOutcome#RUNNING}
 * @param error the failure's message, or null
 */
public record JobRun(
    long id,
    String jobName,
    String instanceId,
    long term,
    Instant scheduledAt,
    Instant startedAt,
    Instant finishedAt,
    JobRunOutcome outcome,
    String error) {

  public JobRun {
    Objects.requireNonNull(jobName, "jobName");
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(outcome, "outcome");
  }

  /**
   * This run as it ended at {@code at}; a run already marked {@link JobRunOutcome#ABANDONED} stays
   * so, with {@link #lateEnd how it ended} as its error.
   */
  public JobRun finished(Instant at, JobRunOutcome how, String why) {
    if (outcome == JobRunOutcome.ABANDONED) {
      return new JobRun(
          id,
          jobName,
          instanceId,
          term,
          scheduledAt,
          startedAt,
          finishedAt,
          outcome,
          lateEnd(how, why));
    }
    return new JobRun(id, jobName, instanceId, term, scheduledAt, startedAt, at, how, why);
  }

  /**
   * The error recorded when a run ends after a newer leader marked it abandoned: its process was
   * frozen or cut off meanwhile. The row keeps {@code abandoned} and the moment it was marked, so
   * it never overlaps the newer leader's runs, and says here how the run really ended.
   */
  public static String lateEnd(JobRunOutcome how, String why) {
    return "ended after it was abandoned: " + how.wireName() + (why == null ? "" : ": " + why);
  }
}
