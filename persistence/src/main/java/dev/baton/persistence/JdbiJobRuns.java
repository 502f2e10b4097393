package dev.baton.persistence;

import dev.baton.domain.JobRun;
import dev.baton.domain.JobRunOutcome;
import dev.baton.domain.RunTrigger;
import dev.baton.domain.ScheduledJob;
import dev.baton.domain.port.JobRunPort;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Job runs ({@code baton_job_run}, {@code baton_scheduled_job}) on either backend. Starting a run
 * is a fenced write; its end is recorded by id without fencing, so what happened is never lost.
 * Only the newest {@code retainedRunsPerJob} runs of each job are kept. Each backend reads the
 * pause flag under its own lock and takes start and end times from its own clock.
 */
public abstract class JdbiJobRuns implements JobRunPort {
  public static final int DEFAULT_RETAINED_RUNS_PER_JOB = 1000;

  protected static final String COLUMNS =
      "id, job_name, instance_id, term, scheduled_at, started_at, finished_at, outcome, error";

  private final Jdbi jdbi;
  private final FencedTransactions fenced;
  private final int retainedRunsPerJob;

  protected JdbiJobRuns(Jdbi jdbi, FencedTransactions fenced, int retainedRunsPerJob) {
    if (retainedRunsPerJob < 1) {
      throw new IllegalArgumentException(
          "retainedRunsPerJob must be at least 1: " + retainedRunsPerJob);
    }
    this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    this.fenced = Objects.requireNonNull(fenced, "fenced");
    this.retainedRunsPerJob = retainedRunsPerJob;
  }

  /**
   * Whether {@code jobName} is paused, read in the fenced transaction that may start its run so
   * that the flag cannot change before it commits.
   */
  protected abstract boolean pausedUntilCommit(Handle handle, String jobName);

  /** Inserts a running run started now, by the backend's clock. */
  protected abstract JobRun insertRunning(
      Handle handle, String jobName, String instanceId, long term, Instant scheduledAt);

  @Override
  public Optional<JobRun> startRun(
      String jobName, String instanceId, long term, Instant scheduledAt, RunTrigger trigger) {
    Objects.requireNonNull(jobName, "jobName");
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(trigger, "trigger");
    return fenced.inFencedTransaction(
        term,
        "starting a run of " + jobName,
        handle -> {
          if (pausedUntilCommit(handle, jobName) && trigger != RunTrigger.REQUESTED) {
            return Optional.<JobRun>empty();
          }
          JobRun run = insertRunning(handle, jobName, instanceId, term, scheduledAt);
          recordStart(handle, run, trigger);
          deleteAllButNewest(handle, jobName);
          return Optional.of(run);
        });
  }

  private static void recordStart(Handle handle, JobRun run, RunTrigger trigger) {
    handle
        .createUpdate(
            switch (trigger) {
              case SCHEDULED ->
                  """
                  INSERT INTO <schema>.baton_scheduled_job (job_name, last_started_at, last_slot_at)
                  VALUES (:jobName, :startedAt, :slot)
                  ON CONFLICT (job_name) DO UPDATE
                  SET last_started_at = excluded.last_started_at, last_slot_at = excluded.last_slot_at,
                      run_requested_at = NULL
                  """;
              case REQUESTED ->
                  """
                  INSERT INTO <schema>.baton_scheduled_job (job_name, last_started_at)
                  VALUES (:jobName, :startedAt)
                  ON CONFLICT (job_name) DO UPDATE
                  SET last_started_at = excluded.last_started_at, run_requested_at = NULL
                  """;
              // A woken run is no answer to a stored request: that one still runs in full.
              case WOKEN ->
                  """
                  INSERT INTO <schema>.baton_scheduled_job (job_name, last_started_at)
                  VALUES (:jobName, :startedAt)
                  ON CONFLICT (job_name) DO UPDATE SET last_started_at = excluded.last_started_at
                  """;
            })
        .bind("jobName", run.jobName())
        .bind("startedAt", run.startedAt())
        .bindByType("slot", run.scheduledAt(), Instant.class)
        .execute();
  }

  protected final Jdbi jdbi() {
    return jdbi;
  }

  /** Called in the transaction that stored a request to run {@code jobName}. */
  protected void runRequested(Handle handle, String jobName) {}

  @Override
  public List<JobRun> recentRuns(String jobName, int limit) {
    return recent(Optional.of(jobName), limit);
  }

  @Override
  public List<JobRun> recentRunsOfEveryJob(int limit) {
    return recent(Optional.empty(), limit);
  }

  private List<JobRun> recent(Optional<String> jobName, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative: " + limit);
    }
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM <schema>.baton_job_run"
                        + (jobName.isPresent() ? " WHERE job_name = :jobName" : "")
                        + " ORDER BY id DESC LIMIT :limit")
                .bind("jobName", jobName.orElse(null))
                .bind("limit", limit)
                .map(JdbiJobRuns::toJobRun)
                .list());
  }

  @Override
  public Optional<JobRun> findRun(long runId) {
    return jdbi.withHandle(handle -> findRun(handle, runId));
  }

  protected static Optional<JobRun> findRun(Handle handle, long runId) {
    return handle
        .createQuery("SELECT " + COLUMNS + " FROM <schema>.baton_job_run WHERE id = :id")
        .bind("id", runId)
        .map(JdbiJobRuns::toJobRun)
        .findOne();
  }

  @Override
  public List<ScheduledJob> scheduledJobs() {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    """
                    SELECT job_name, last_started_at, last_slot_at, paused, run_requested_at
                    FROM <schema>.baton_scheduled_job ORDER BY job_name
                    """)
                .map(
                    (row, context) ->
                        new ScheduledJob(
                            row.getString("job_name"),
                            Timestamps.column(row, "last_started_at", context),
                            Timestamps.column(row, "last_slot_at", context),
                            row.getBoolean("paused"),
                            Timestamps.column(row, "run_requested_at", context)))
                .list());
  }

  @Override
  public void setPaused(String jobName, boolean paused) {
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate(
                    """
                    INSERT INTO <schema>.baton_scheduled_job (job_name, paused)
                    VALUES (:jobName, :paused)
                    ON CONFLICT (job_name) DO UPDATE SET paused = excluded.paused
                    """)
                .bind("jobName", jobName)
                .bind("paused", paused)
                .execute());
  }

  @Override
  public void requestRun(String jobName, Instant requestedAt) {
    jdbi.useHandle(
        handle -> {
          handle
              .createUpdate(
                  """
                  INSERT INTO <schema>.baton_scheduled_job AS j (job_name, run_requested_at)
                  VALUES (:jobName, :requestedAt)
                  ON CONFLICT (job_name) DO UPDATE
                  SET run_requested_at = coalesce(j.run_requested_at, excluded.run_requested_at)
                  """)
              .bind("jobName", jobName)
              .bind("requestedAt", requestedAt)
              .execute();
          runRequested(handle, jobName);
        });
  }

  /** Deletes all but the newest {@code retainedRunsPerJob} runs of {@code jobName}. */
  private void deleteAllButNewest(Handle handle, String jobName) {
    handle
        .createUpdate(
            """
            DELETE FROM <schema>.baton_job_run
            WHERE job_name = :jobName
              AND id <= (SELECT id FROM <schema>.baton_job_run WHERE job_name = :jobName
                         ORDER BY id DESC LIMIT 1 OFFSET :retained)
            """)
        .bind("jobName", jobName)
        .bind("retained", retainedRunsPerJob)
        .execute();
  }

  protected static JobRun toJobRun(ResultSet row, StatementContext context) throws SQLException {
    return new JobRun(
        row.getLong("id"),
        row.getString("job_name"),
        row.getString("instance_id"),
        row.getLong("term"),
        Timestamps.column(row, "scheduled_at", context),
        Timestamps.column(row, "started_at", context),
        Timestamps.column(row, "finished_at", context),
        JobRunOutcome.fromWire(row.getString("outcome")),
        row.getString("error"));
  }
}
