package dev.baton.domain.port;

import dev.baton.domain.FencedOutException;
import dev.baton.domain.JobRun;
import dev.baton.domain.JobRunOutcome;
import dev.baton.domain.RunTrigger;
import dev.baton.domain.ScheduledJob;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Job-run records ({@code baton_job_run}) and each job's stored cadence ({@code
 * baton_scheduled_job}).
 */
public interface JobRunPort {

  /**
   * Records the start of a run and the job's last start, fenced by {@code term}, reading the job's
   * pause flag in the same transaction. A {@link RunTrigger#SCHEDULED scheduled} run stores {@code
   * scheduledAt} as the job's last slot and does not start while the job is paused; a {@link
   * RunTrigger#REQUESTED requested} run starts paused or not. Either clears the job's stored run
   * request: the job runs after it was asked for.
   *
   * @return the started run; empty when a scheduled run found the job paused (nothing is written)
   * @throws FencedOutException when {@code term} is no longer the current term; nothing is written
   */
  Optional<JobRun> startRun(
      String jobName, String instanceId, long term, Instant scheduledAt, RunTrigger trigger);

  /**
   * Records the end of a run by its id; not fenced, so what happened is never lost. A run a newer
   * leader already marked {@code abandoned} keeps that outcome and its end; its error becomes
   * {@link JobRun#lateEnd}, so its row never overlaps the newer leader's runs.
   */
  JobRun finishRun(long runId, JobRunOutcome outcome, String error);

  /** Every job stored so far, whether this process knows it or not, by name. */
  List<ScheduledJob> scheduledJobs();

  /** What is stored of {@code jobName}; {@link ScheduledJob#unknown} when nothing is yet. */
  default ScheduledJob scheduledJob(String jobName) {
    return scheduledJobs().stream()
        .filter(job -> job.jobName().equals(jobName))
        .findFirst()
        .orElse(ScheduledJob.unknown(jobName));
  }

  /** Holds back or lets go a job's scheduled runs; not fenced: any instance may. */
  void setPaused(String jobName, boolean paused);

  /**
   * Stores that a run of {@code jobName} was asked for at {@code requestedAt}, for the leader to
   * start; not fenced: any instance may. On PostgreSQL the leader is also notified at once.
   */
  void requestRun(String jobName, Instant requestedAt);

  /** The newest runs of a job, newest first. */
  List<JobRun> recentRuns(String jobName, int limit);

  /** The newest runs of every job together, newest first. */
  List<JobRun> recentRunsOfEveryJob(int limit);

  Optional<JobRun> findRun(long runId);

  /** Marks runs of terms older than {@code term} that never finished {@code abandoned}. */
  int abandonUnfinishedRunsBefore(long term);
}
