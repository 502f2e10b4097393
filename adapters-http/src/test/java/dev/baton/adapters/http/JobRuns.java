package dev.baton.adapters.http;

import dev.baton.domain.JobRun;
import dev.baton.domain.JobRunOutcome;
import java.time.Instant;
import java.util.List;

/** Runs for tests, with every field set unless a test says otherwise. */
final class JobRuns {
  /** The members of a run as the API writes it, outside the list of several jobs' runs. */
  static final List<String> FIELDS =
      List.of(
          "id", "instanceId", "term", "scheduledAt", "startedAt", "finishedAt", "outcome", "error");

  private JobRuns() {}

  static JobRun succeeded(long id, String jobName, String startedAt, String finishedAt) {
    return new JobRun(
        id,
        jobName,
        "baton-aaaaaaaaaaaa",
        7,
        Instant.parse(startedAt),
        Instant.parse(startedAt),
        Instant.parse(finishedAt),
        JobRunOutcome.SUCCEEDED,
        null);
  }

  static JobRun failed(long id, String jobName, String error) {
    return new JobRun(
        id,
        jobName,
        "baton-bbbbbbbbbbbb",
        6,
        Instant.parse("2026-11-27T00:36:00.000Z"),
        Instant.parse("2026-11-27T00:36:00.015Z"),
        Instant.parse("2026-11-27T00:36:02.250Z"),
        JobRunOutcome.FAILED,
        error);
  }
}
