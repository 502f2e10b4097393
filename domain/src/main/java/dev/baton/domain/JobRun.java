package dev.baton.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of {@code job_run}: a run of a job by one instance under one term.
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

  /** This run as it ended. */
  public JobRun finished(Instant at, JobRunOutcome how, String why) {
    return new JobRun(id, jobName, instanceId, term, scheduledAt, startedAt, at, how, why);
  }
}
