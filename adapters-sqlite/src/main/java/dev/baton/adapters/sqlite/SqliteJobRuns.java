package dev.baton.adapters.sqlite;

import dev.baton.domain.JobRun;
import dev.baton.domain.JobRunOutcome;
import dev.baton.domain.RunTrigger;
import dev.baton.domain.ScheduledJob;
import dev.baton.domain.port.ClockPort;
import dev.baton.domain.port.JobRunPort;
import dev.baton.persistence.FencedTransactions;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Job runs on SQLite. Starting a run is fenced against the term in {@code baton_leadership}; its
 * transaction begins as a writer, so no new term can be granted between the check and the insert.
 * Only the newest {@code retainedRunsPerJob} runs of each job are kept.
 */
public final class SqliteJobRuns implements JobRunPort {
  public static final int DEFAULT_RETAINED_RUNS_PER_JOB = 1000;

  private static final String COLUMNS =
      "id, job_name, instance_id, term, scheduled_at, started_at, finished_at, outcome, error";

  private final Jdbi jdbi;
  private final FencedTransactions fenced;
  private final ClockPort clock;
  private final int retainedRunsPerJob;

  public SqliteJobRuns(SqliteDatabase database, long lockKey, ClockPort clock) {
    this(database, lockKey, clock, DEFAULT_RETAINED_RUNS_PER_JOB);
  }

  public SqliteJobRuns(
      SqliteDatabase database, long lockKey, ClockPort clock, int retainedRunsPerJob) {
    if (retainedRunsPerJob < 1) {
      throw new IllegalArgumentException(
          "retainedRunsPerJob must be at least 1: " + retainedRunsPerJob);
    }
    this.jdbi = database.jdbi();
    this.fenced = new SqliteFencedTransactions(database, lockKey);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.retainedRunsPerJob = retainedRunsPerJob;
  }

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
          // The transaction began as a writer: the pause flag cannot change before it commits.
          if (trigger != RunTrigger.REQUESTED && isPaused(handle, jobName)) {
            return Optional.<JobRun>empty();
          }
          Instant startedAt = SqliteTimestamps.stored(clock.now());
          Instant storedScheduledAt =
              scheduledAt == null ? null : SqliteTimestamps.stored(scheduledAt);
          long id = insertRunning(handle, jobName, instanceId, term, storedScheduledAt, startedAt);
          recordStart(handle, jobName, startedAt, storedScheduledAt, trigger);
          deleteAllButNewest(handle, jobName);
          return Optional.of(
              new JobRun(
                  id,
                  jobName,
                  instanceId,
                  term,
                  storedScheduledAt,
                  startedAt,
                  null,
                  JobRunOutcome.RUNNING,
                  null));
        });
  }

  private static boolean isPaused(Handle handle, String jobName) {
    return handle
        .createQuery("SELECT paused FROM <schema>.baton_scheduled_job WHERE job_name = :jobName")
        .bind("jobName", jobName)
        .mapTo(Integer.class)
        .findOne()
        .map(paused -> paused == 1)
        .orElse(false);
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
                            SqliteTimestamps.parse(row.getString("last_started_at")),
                            SqliteTimestamps.parse(row.getString("last_slot_at")),
                            row.getInt("paused") == 1,
                            SqliteTimestamps.parse(row.getString("run_requested_at"))))
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
                .bind("paused", paused ? 1 : 0)
                .execute());
  }

  @Override
  public void requestRun(String jobName, Instant requestedAt) {
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate(
                    """
                    INSERT INTO <schema>.baton_scheduled_job AS j (job_name, run_requested_at)
                    VALUES (:jobName, :requestedAt)
                    ON CONFLICT (job_name) DO UPDATE
                    SET run_requested_at = coalesce(j.run_requested_at, excluded.run_requested_at)
                    """)
                .bind("jobName", jobName)
                .bind("requestedAt", SqliteTimestamps.format(SqliteTimestamps.stored(requestedAt)))
                .execute());
  }

  private static long insertRunning(
      Handle handle,
      String jobName,
      String instanceId,
      long term,
      Instant scheduledAt,
      Instant startedAt) {
    handle
        .createUpdate(
            """
            INSERT INTO <schema>.baton_job_run (job_name, instance_id, term, scheduled_at, started_at, outcome)
            VALUES (:jobName, :instanceId, :term, :scheduledAt, :startedAt, :outcome)
            """)
        .bind("jobName", jobName)
        .bind("instanceId", instanceId)
        .bind("term", term)
        .bind("scheduledAt", SqliteTimestamps.format(scheduledAt))
        .bind("startedAt", SqliteTimestamps.format(startedAt))
        .bind("outcome", JobRunOutcome.RUNNING.wireName())
        .execute();
    return handle.createQuery("SELECT last_insert_rowid()").mapTo(Long.class).one();
  }

  private static void recordStart(
      Handle handle, String jobName, Instant startedAt, Instant slot, RunTrigger trigger) {
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
        .bind("jobName", jobName)
        .bind("startedAt", SqliteTimestamps.format(startedAt))
        .bind("slot", SqliteTimestamps.format(slot))
        .execute();
  }

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

  /**
   * @throws IllegalArgumentException when {@code outcome} is {@link JobRunOutcome#RUNNING}
   * @throws NoSuchElementException when no run has that id
   */
  @Override
  public JobRun finishRun(long runId, JobRunOutcome outcome, String error) {
    if (!Objects.requireNonNull(outcome, "outcome").isFinished()) {
      throw new IllegalArgumentException("a run cannot finish as " + outcome.wireName());
    }
    return jdbi.inTransaction(
        handle -> {
          int updated =
              handle
                  .createUpdate(
                      """
                      UPDATE <schema>.baton_job_run SET
                        finished_at = CASE WHEN outcome = 'abandoned' THEN finished_at
                                           ELSE :finishedAt END,
                        error = CASE WHEN outcome = 'abandoned' THEN :lateEnd ELSE :error END,
                        outcome = CASE WHEN outcome = 'abandoned' THEN outcome ELSE :outcome END
                      WHERE id = :id
                      """)
                  .bind("outcome", outcome.wireName())
                  .bind("finishedAt", SqliteTimestamps.format(clock.now()))
                  .bind("error", error)
                  .bind("lateEnd", JobRun.lateEnd(outcome, error))
                  .bind("id", runId)
                  .execute();
          if (updated == 0) {
            throw new NoSuchElementException("no job run " + runId);
          }
          return findRun(handle, runId).orElseThrow();
        });
  }

  @Override
  public List<JobRun> recentRuns(String jobName, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative: " + limit);
    }
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM <schema>.baton_job_run WHERE job_name = :jobName ORDER BY id DESC LIMIT :limit")
                .bind("jobName", jobName)
                .bind("limit", limit)
                .map(SqliteJobRuns::toJobRun)
                .list());
  }

  @Override
  public List<JobRun> recentRunsOfEveryJob(int limit) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM <schema>.baton_job_run ORDER BY id DESC LIMIT :limit")
                .bind("limit", limit)
                .map(SqliteJobRuns::toJobRun)
                .list());
  }

  @Override
  public Optional<JobRun> findRun(long runId) {
    return jdbi.withHandle(handle -> findRun(handle, runId));
  }

  private static Optional<JobRun> findRun(Handle handle, long runId) {
    return handle
        .createQuery("SELECT " + COLUMNS + " FROM <schema>.baton_job_run WHERE id = :id")
        .bind("id", runId)
        .map(SqliteJobRuns::toJobRun)
        .findOne();
  }

  @Override
  public int abandonUnfinishedRunsBefore(long term) {
    return jdbi.inTransaction(
        handle ->
            handle
                .createUpdate(
                    """
                    UPDATE <schema>.baton_job_run SET outcome = :abandoned, finished_at = :finishedAt
                    WHERE outcome = :running AND term < :term
                    """)
                .bind("abandoned", JobRunOutcome.ABANDONED.wireName())
                .bind("finishedAt", SqliteTimestamps.format(clock.now()))
                .bind("running", JobRunOutcome.RUNNING.wireName())
                .bind("term", term)
                .execute());
  }

  private static JobRun toJobRun(ResultSet row, StatementContext context) throws SQLException {
    return new JobRun(
        row.getLong("id"),
        row.getString("job_name"),
        row.getString("instance_id"),
        row.getLong("term"),
        SqliteTimestamps.parse(row.getString("scheduled_at")),
        SqliteTimestamps.parse(row.getString("started_at")),
        SqliteTimestamps.parse(row.getString("finished_at")),
        JobRunOutcome.fromWire(row.getString("outcome")),
        row.getString("error"));
  }
}
