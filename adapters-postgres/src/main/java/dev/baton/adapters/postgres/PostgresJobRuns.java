package dev.baton.adapters.postgres;

import dev.baton.domain.JobRun;
import dev.baton.domain.JobRunOutcome;
import dev.baton.domain.port.JobRunPort;
import dev.baton.persistence.FencedTransactions;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Job runs on PostgreSQL, timestamps from the database clock so that runs of different instances
 * compare. Starting a run is a fenced write; its end is recorded by id without fencing, so what
 * happened is never lost. Only the newest {@code retainedRunsPerJob} runs of each job are kept.
 */
public final class PostgresJobRuns implements JobRunPort {
  public static final int DEFAULT_RETAINED_RUNS_PER_JOB = 1000;
  private static final String COLUMNS =
      "id, job_name, instance_id, term, scheduled_at, started_at, finished_at, outcome, error";

  private final Jdbi jdbi;
  private final FencedTransactions fenced;
  private final int retainedRunsPerJob;

  public PostgresJobRuns(PostgresDatabase database, FencedTransactions fenced) {
    this(database, fenced, DEFAULT_RETAINED_RUNS_PER_JOB);
  }

  public PostgresJobRuns(
      PostgresDatabase database, FencedTransactions fenced, int retainedRunsPerJob) {
    if (retainedRunsPerJob < 1) {
      throw new IllegalArgumentException(
          "retainedRunsPerJob must be at least 1: " + retainedRunsPerJob);
    }
    this.jdbi = database.jdbi();
    this.fenced = fenced;
    this.retainedRunsPerJob = retainedRunsPerJob;
  }

  @Override
  public JobRun startRun(String jobName, String instanceId, long term, Instant scheduledAt) {
    Objects.requireNonNull(jobName, "jobName");
    Objects.requireNonNull(instanceId, "instanceId");
    return fenced.inFencedTransaction(
        term,
        "starting a run of " + jobName,
        handle -> {
          JobRun run =
              handle
                  .createQuery(
                      "insert into <schema>.baton_job_run (job_name, instance_id, term, scheduled_at, started_at,"
                          + " outcome) values (:job, :instance, :term, :scheduled,"
                          + " clock_timestamp(), 'running') returning "
                          + COLUMNS)
                  .bind("job", jobName)
                  .bind("instance", instanceId)
                  .bind("term", term)
                  .bind("scheduled", scheduledAt == null ? null : Timestamp.from(scheduledAt))
                  .map(PostgresJobRuns::run)
                  .one();
          handle
              .createUpdate(
                  "insert into <schema>.baton_scheduled_job (job_name, last_started_at) values (:job, :at)"
                      + " on conflict (job_name) do update set last_started_at ="
                      + " excluded.last_started_at")
              .bind("job", jobName)
              .bind("at", Timestamp.from(run.startedAt()))
              .execute();
          handle
              .createUpdate(
                  "delete from <schema>.baton_job_run where job_name = :job and id <= (select id from <schema>.baton_job_run"
                      + " where job_name = :job order by id desc offset :keep limit 1)")
              .bind("job", jobName)
              .bind("keep", retainedRunsPerJob)
              .execute();
          return run;
        });
  }

  @Override
  public JobRun finishRun(long runId, JobRunOutcome outcome, String error) {
    Objects.requireNonNull(outcome, "outcome");
    if (outcome == JobRunOutcome.RUNNING) {
      throw new IllegalArgumentException("a run cannot finish as running");
    }
    return jdbi.withHandle(
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
                    .map(PostgresJobRuns::run)
                    .findOne())
        .orElseThrow(() -> new NoSuchElementException("no job run " + runId));
  }

  @Override
  public Optional<Instant> lastStartedAt(String jobName) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "select last_started_at from <schema>.baton_scheduled_job where job_name = :job")
                .bind("job", jobName)
                .map((rows, ctx) -> instant(rows, "last_started_at"))
                .findOne()
                .filter(Objects::nonNull));
  }

  @Override
  public List<JobRun> recentRuns(String jobName, int limit) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "select "
                        + COLUMNS
                        + " from <schema>.baton_job_run where job_name = :job order by id desc limit :limit")
                .bind("job", jobName)
                .bind("limit", limit)
                .map(PostgresJobRuns::run)
                .list());
  }

  @Override
  public Optional<JobRun> findRun(long runId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("select " + COLUMNS + " from <schema>.baton_job_run where id = :id")
                .bind("id", runId)
                .map(PostgresJobRuns::run)
                .findOne());
  }

  @Override
  public int abandonUnfinishedRunsBefore(long term) {
    return jdbi.withHandle(
        handle ->
            handle
                .createUpdate(
                    "update <schema>.baton_job_run set outcome = 'abandoned', finished_at = clock_timestamp()"
                        + " where outcome = 'running' and term < :term")
                .bind("term", term)
                .execute());
  }

  private static JobRun run(ResultSet rows, StatementContext ctx) throws SQLException {
    return new JobRun(
        rows.getLong("id"),
        rows.getString("job_name"),
        rows.getString("instance_id"),
        rows.getLong("term"),
        instant(rows, "scheduled_at"),
        instant(rows, "started_at"),
        instant(rows, "finished_at"),
        JobRunOutcome.fromWire(rows.getString("outcome")),
        rows.getString("error"));
  }

  private static Instant instant(ResultSet rows, String column) throws SQLException {
    Timestamp value = rows.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }
}
