package dev.baton.adapters.postgres;

import dev.baton.domain.JobRun;
import dev.baton.domain.JobRunOutcome;
import dev.baton.domain.RunTrigger;
import dev.baton.domain.ScheduledJob;
import dev.baton.domain.port.JobRunPort;
import dev.baton.persistence.FencedTransactions;
import dev.baton.persistence.Timestamps;
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

  /** A run asked for on any instance is announced here, for the leader to start at once. */
  public static final String RUN_REQUESTS_CHANNEL = "baton_run_requests";

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
  public Optional<JobRun> startRun(
      String jobName, String instanceId, long term, Instant scheduledAt, RunTrigger trigger) {
    Objects.requireNonNull(jobName, "jobName");
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(trigger, "trigger");
    return fenced.inFencedTransaction(
        term,
        "starting a run of " + jobName,
        handle -> {
          // The job's row, locked until commit: its pause flag is read where the run is inserted.
          boolean paused =
              handle
                  .createQuery(
                      "insert into <schema>.baton_scheduled_job (job_name) values (:job)"
                          + " on conflict (job_name) do update set job_name = excluded.job_name"
                          + " returning paused")
                  .bind("job", jobName)
                  .mapTo(Boolean.class)
                  .one();
          if (paused && trigger != RunTrigger.REQUESTED) {
            return Optional.<JobRun>empty();
          }
          JobRun run =
              handle
                  .createQuery(
                      "insert into <schema>.baton_job_run (job_name, instance_id, term,"
                          + " scheduled_at, started_at, outcome) values (:job, :instance, :term,"
                          + " :scheduled, clock_timestamp(), 'running') returning "
                          + COLUMNS)
                  .bind("job", jobName)
                  .bind("instance", instanceId)
                  .bind("term", term)
                  .bind("scheduled", scheduledAt)
                  .map(PostgresJobRuns::run)
                  .one();
          handle
              .createUpdate(
                  switch (trigger) {
                    case SCHEDULED ->
                        "update <schema>.baton_scheduled_job set last_started_at ="
                            + " :at, last_slot_at = :slot, run_requested_at = null where job_name = :job";
                    case REQUESTED ->
                        "update <schema>.baton_scheduled_job set last_started_at ="
                            + " :at, run_requested_at = null where job_name = :job";
                    // A woken run is no answer to a stored request: that one still runs in full.
                    case WOKEN ->
                        "update <schema>.baton_scheduled_job set last_started_at = :at"
                            + " where job_name = :job";
                  })
              .bind("job", jobName)
              .bind("at", run.startedAt())
              .bind("slot", scheduledAt)
              .execute();
          handle
              .createUpdate(
                  "delete from <schema>.baton_job_run where job_name = :job and id <= (select id"
                      + " from <schema>.baton_job_run where job_name = :job order by id desc"
                      + " offset :keep limit 1)")
              .bind("job", jobName)
              .bind("keep", retainedRunsPerJob)
              .execute();
          return Optional.of(run);
        });
  }

  @Override
  public List<ScheduledJob> scheduledJobs() {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "select job_name, last_started_at, last_slot_at, paused, run_requested_at"
                        + " from <schema>.baton_scheduled_job order by job_name")
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
                    "insert into <schema>.baton_scheduled_job (job_name, paused) values (:job,"
                        + " :paused) on conflict (job_name) do update set paused ="
                        + " excluded.paused")
                .bind("job", jobName)
                .bind("paused", paused)
                .execute());
  }

  @Override
  public void requestRun(String jobName, Instant requestedAt) {
    jdbi.useHandle(
        handle -> {
          handle
              .createUpdate(
                  "insert into <schema>.baton_scheduled_job as j (job_name, run_requested_at)"
                      + " values (:job, :at) on conflict (job_name) do update set"
                      + " run_requested_at = coalesce(j.run_requested_at, excluded.run_requested_at)")
              .bind("job", jobName)
              .bind("at", requestedAt)
              .execute();
          handle
              .createQuery("select pg_notify(:channel, :job)")
              .bind("channel", RUN_REQUESTS_CHANNEL)
              .bind("job", jobName)
              .mapTo(String.class)
              .one();
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
  public List<JobRun> recentRunsOfEveryJob(int limit) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "select "
                        + COLUMNS
                        + " from <schema>.baton_job_run order by id desc limit :limit")
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
