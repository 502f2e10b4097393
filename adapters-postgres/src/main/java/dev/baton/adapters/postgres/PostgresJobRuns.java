package dev.baton.adapters.postgres;

import dev.baton.domain.JobRun;
import dev.baton.domain.JobRunOutcome;
import dev.baton.persistence.FencedTransactions;
import dev.baton.persistence.JdbiJobRuns;
import java.time.Instant;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.jdbi.v3.core.Handle;

/**
 * Job runs on PostgreSQL, timestamps from the database clock so that runs of different instances
 * compare; the job's row is locked while a run of it starts.
 */
public final class PostgresJobRuns extends JdbiJobRuns {
  /** A run asked for on any instance is announced here, for the leader to start at once. */
  public static final String RUN_REQUESTS_CHANNEL = "baton_run_requests";

  public PostgresJobRuns(PostgresDatabase database, FencedTransactions fenced) {
    this(database, fenced, DEFAULT_RETAINED_RUNS_PER_JOB);
  }

  public PostgresJobRuns(
      PostgresDatabase database, FencedTransactions fenced, int retainedRunsPerJob) {
    super(database.jdbi(), fenced, retainedRunsPerJob);
  }

  /** Inserts the job's row if it is new and locks it until commit. */
  @Override
  protected boolean pausedUntilCommit(Handle handle, String jobName) {
    return handle
        .createQuery(
            "insert into <schema>.baton_scheduled_job (job_name) values (:job)"
                + " on conflict (job_name) do update set job_name = excluded.job_name"
                + " returning paused")
        .bind("job", jobName)
        .mapTo(Boolean.class)
        .one();
  }

  @Override
  protected JobRun insertRunning(
      Handle handle, String jobName, String instanceId, long term, Instant scheduledAt) {
    return handle
        .createQuery(
            "insert into <schema>.baton_job_run (job_name, instance_id, term,"
                + " scheduled_at, started_at, outcome) values (:job, :instance, :term,"
                + " :scheduled, clock_timestamp(), 'running') returning "
                + COLUMNS)
        .bind("job", jobName)
        .bind("instance", instanceId)
        .bind("term", term)
        .bind("scheduled", scheduledAt)
        .map(JdbiJobRuns::toJobRun)
        .one();
  }

  @Override
  protected void runRequested(Handle handle, String jobName) {
    handle
        .createQuery("select pg_notify(:channel, :job)")
        .bind("channel", RUN_REQUESTS_CHANNEL)
        .bind("job", jobName)
        .mapTo(String.class)
        .one();
  }

  @Override
  public JobRun finishRun(long runId, JobRunOutcome outcome, String error) {
    Objects.requireNonNull(outcome, "outcome");
    if (outcome == JobRunOutcome.RUNNING) {
      throw new IllegalArgumentException("a run cannot finish as running");
    }
    return jdbi()
        .withHandle(
            handle ->
                handle
                    .createQuery(
                        // SET expressions read the row as it was, so "abandoned" is the old value.
                        "update <schema>.baton_job_run set"
                            + " finished_at = case when outcome = 'abandoned' then finished_at"
                            + " else clock_timestamp() end,"
                            + " error = case when outcome = 'abandoned' then :lateEnd"
                            + " else :error end,"
                            + " outcome = case when outcome = 'abandoned' then outcome"
                            + " else :outcome end"
                            + " where id = :id returning "
                            + COLUMNS)
                    .bind("outcome", outcome.wireName())
                    .bind("error", error)
                    .bind("lateEnd", JobRun.lateEnd(outcome, error))
                    .bind("id", runId)
                    .map(JdbiJobRuns::toJobRun)
                    .findOne())
        .orElseThrow(() -> new NoSuchElementException("no job run " + runId));
  }

  @Override
  public int abandonUnfinishedRunsBefore(long term) {
    return jdbi()
        .withHandle(
            handle ->
                handle
                    .createUpdate(
                        "update <schema>.baton_job_run set outcome = 'abandoned', finished_at = clock_timestamp()"
                            + " where outcome = 'running' and term < :term")
                    .bind("term", term)
                    .execute());
  }
}
