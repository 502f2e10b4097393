package dev.baton.adapters.http;

import dev.baton.application.port.in.JobStatus;
import dev.baton.application.port.in.SchedulerStatus;
import dev.baton.domain.JobRun;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The body of {@code GET /v1/scheduler}. */
record SchedulerStatusResponse(
    String instanceId,
    String role,
    Long term,
    String leaderInstanceId,
    Instant leaderSince,
    Instant jobsStartAt,
    String backend,
    boolean electionSupported,
    String acquireMode,
    List<Job> jobs) {

  static SchedulerStatusResponse from(SchedulerStatus status) {
    return new SchedulerStatusResponse(
        status.instanceId(),
        status.role().name(),
        status.term(),
        status.leaderInstanceId(),
        status.leaderSince(),
        status.jobsStartAt(),
        status.backend(),
        status.electionSupported(),
        status.acquireMode(),
        status.jobs().stream().map(Job::from).toList());
  }

  record Job(String name, BigDecimal intervalSeconds, Run lastRun, Instant nextRunAt) {
    static Job from(JobStatus job) {
      return new Job(
          job.name(),
          seconds(job.interval()),
          job.lastRun() == null ? null : Run.from(job.lastRun()),
          job.nextRunAt());
    }
  }

  record Run(
      long id,
      String instanceId,
      long term,
      Instant scheduledAt,
      Instant startedAt,
      Instant finishedAt,
      String outcome,
      String error) {
    static Run from(JobRun run) {
      return new Run(
          run.id(),
          run.instanceId(),
          run.term(),
          run.scheduledAt(),
          run.startedAt(),
          run.finishedAt(),
          run.outcome().wireName(),
          run.error());
    }
  }

  /** Exact and as short as the value: 300 for five minutes, 0.2 for a 200 ms probe job. */
  static BigDecimal seconds(Duration duration) {
    return BigDecimal.valueOf(duration.getSeconds())
        .add(BigDecimal.valueOf(duration.getNano(), 9))
        .stripTrailingZeros();
  }
}
