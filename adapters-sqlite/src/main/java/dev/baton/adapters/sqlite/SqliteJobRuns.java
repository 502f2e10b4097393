package dev.baton.adapters.sqlite;

import dev.baton.domain.JobRun;
import dev.baton.domain.JobRunOutcome;
import dev.baton.domain.port.ClockPort;
import dev.baton.persistence.JdbiJobRuns;
import java.time.Instant;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.jdbi.v3.core.Handle;

/**
 * Job runs on SQLite. Starting a run is fenced against the term in {@code baton_leadership}; its
 * transaction begins as a writer, so no new term can be granted between the check and the insert.
 * Only the newest {@code retainedRunsPerJob} runs of each job are kept.
 */
public final class SqliteJobRuns extends JdbiJobRuns {
  private final ClockPort clock;

  public SqliteJobRuns(SqliteDatabase database, long lockKey, ClockPort clock) {
    this(database, lockKey, clock, DEFAULT_RETAINED_RUNS_PER_JOB);
  }

  public SqliteJobRuns(
      SqliteDatabase database, long lockKey, ClockPort clock, int retainedRunsPerJob) {
    super(database.jdbi(), new SqliteFencedTransactions(database, lockKey), retainedRunsPerJob);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The fenced transaction began as a writer: nobody else writes before it commits. */
  @Override
  protected boolean pausedUntilCommit(Handle handle, String jobName) {
    return handle
        .createQuery("SELECT paused FROM <schema>.baton_scheduled_job WHERE job_name = :jobName")
        .bind("jobName", jobName)
        .mapTo(Integer.class)
        .findOne()
        .map(paused -> paused == 1)
        .orElse(false);
  }

  @Override
  protected JobRun insertRunning(
      Handle handle, String jobName, String instanceId, long term, Instant scheduledAt) {
    Instant startedAt = SqliteTimestamps.stored(clock.now());
    Instant storedScheduledAt = scheduledAt == null ? null : SqliteTimestamps.stored(scheduledAt);
    handle
        .createUpdate(
            """
            INSERT INTO <schema>.baton_job_run (job_name, instance_id, term, scheduled_at, started_at, outcome)
            VALUES (:jobName, :instanceId, :term, :scheduledAt, :startedAt, :outcome)
            """)
        .bind("jobName", jobName)
        .bind("instanceId", instanceId)
        .bind("term", term)
        .bind("scheduledAt", SqliteTimestamps.format(storedScheduledAt))
        .bind("startedAt", SqliteTimestamps.format(startedAt))
        .bind("outcome", JobRunOutcome.RUNNING.wireName())
        .execute();
    long id = handle.createQuery("SELECT last_insert_rowid()").mapTo(Long.class).one();
    return new JobRun(
        id,
        jobName,
        instanceId,
        term,
        storedScheduledAt,
        startedAt,
        null,
        JobRunOutcome.RUNNING,
        null);
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
    return jdbi()
        .inTransaction(
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
  public int abandonUnfinishedRunsBefore(long term) {
    return jdbi()
        .inTransaction(
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
}
