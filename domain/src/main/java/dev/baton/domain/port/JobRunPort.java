package dev.baton.domain.port;

import dev.baton.domain.FencedOutException;
import dev.baton.domain.JobRun;
import dev.baton.domain.JobRunOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Job-run records ({@code baton_job_run}) and each job's stored cadence ({@code
 * baton_scheduled_job}).
 */
public interface JobRunPort {

  /**
   * Records the start of a run and the job's last start, fenced by {@code term}.
   *
   * @throws FencedOutException when {@code term} is no longer the current term; nothing is written
   */
  JobRun startRun(String jobName, String instanceId, long term, Instant scheduledAt);

  /**
   * Records the end of a run by its id; not fenced, so what happened is never lost. A run a newer
   * leader already marked {@code abandoned} keeps that outcome and its end; its error becomes
   * {@link JobRun#lateEnd}, so its row never overlaps the newer leader's runs.
   */
  JobRun finishRun(long runId, JobRunOutcome outcome, String error);

  /** When the job last started, under any leader. */
  Optional<Instant> lastStartedAt(String jobName);

  /** The newest runs of a job, newest first. */
  List<JobRun> recentRuns(String jobName, int limit);

  Optional<JobRun> findRun(long runId);

  /** Marks runs of terms older than {@code term} that never finished {@code abandoned}. */
  int abandonUnfinishedRunsBefore(long term);
}
