package dev.baton.adapters.http;

import static dev.baton.adapters.http.RunningServer.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.application.port.in.JobDetails;
import dev.baton.application.port.in.JobStatus;
import dev.baton.application.port.in.SchedulerStatus;
import dev.baton.application.schedule.JobSchedule;
import dev.baton.domain.JobRun;
import dev.baton.domain.SchedulerRole;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JobsEndpointTest {
  @RegisterExtension final RunningServer server = new RunningServer();

  private static final List<String> JOB_FIELDS =
      List.of("name", "schedule", "paused", "lastRun", "nextRunAt", "recentRuns");

  private static final JobRun NEWEST =
      JobRuns.succeeded(
          43, "poll_llm_batches", "2026-11-27T00:41:00.000Z", "2026-11-27T00:41:01.500Z");
  private static final JobRun OLDER = JobRuns.failed(42, "poll_llm_batches", "provider said 529");

  @Test
  void listsEachJobWithEveryFieldAndItsRecentRunsNewestFirst() {
    server.jobs.answer(
        List.of(pollJob(NEWEST, Instant.parse("2026-11-27T00:46:00Z"), List.of(NEWEST, OLDER))));

    RunningServer.Reply reply = server.get("/v1/jobs");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.contentType()).startsWith("application/json");
    JsonNode body = reply.jsonBody();
    assertThat(fieldNames(body)).containsExactlyInAnyOrder("jobs", "nextCursor");
    assertThat(body.get("jobs")).hasSize(1);
    JsonNode job = body.get("jobs").get(0);
    assertThat(fieldNames(job)).containsExactlyInAnyOrderElementsOf(JOB_FIELDS);
    assertThat(job.get("name").textValue()).isEqualTo("poll_llm_batches");
    assertThat(job.get("schedule").toString()).isEqualTo("{\"every\":300}");
    assertThat(job.get("paused").booleanValue()).isFalse();
    assertThat(job.get("nextRunAt").textValue()).isEqualTo("2026-11-27T00:46:00.000Z");
    assertThat(job.get("lastRun").get("id").longValue()).isEqualTo(43);

    JsonNode recent = job.get("recentRuns");
    assertThat(recent.isArray()).isTrue();
    assertThat(recent).hasSize(2);
    JsonNode newest = recent.get(0);
    assertThat(fieldNames(newest)).containsExactlyInAnyOrderElementsOf(JobRuns.FIELDS);
    assertThat(newest).isEqualTo(job.get("lastRun"));
    assertThat(newest.get("outcome").textValue()).isEqualTo("succeeded");
    assertThat(newest.get("error").isNull()).isTrue();

    // Every member of a run is checked where the scheduler's status shows it: the same shape.
    JsonNode older = recent.get(1);
    assertThat(fieldNames(older)).containsExactlyInAnyOrderElementsOf(JobRuns.FIELDS);
    assertThat(older.get("id").longValue()).isEqualTo(42);
    assertThat(older.get("error").textValue()).isEqualTo("provider said 529");
  }

  @Test
  void aRunReadsTheSameHereAsInTheSchedulerStatus() {
    server.jobs.answer(List.of(pollJob(OLDER, null, List.of(OLDER))));
    server.schedulerStatus.answer(
        new SchedulerStatus(
            "baton-cccccccccccc",
            SchedulerRole.FOLLOWER,
            6L,
            "baton-bbbbbbbbbbbb",
            null,
            null,
            "postgres",
            true,
            "wait",
            List.of(
                new JobStatus(
                    "poll_llm_batches",
                    JobSchedule.every(Duration.ofMinutes(5)),
                    false,
                    OLDER,
                    null))));

    JsonNode job = server.get("/v1/jobs").jsonBody().get("jobs").get(0);
    JsonNode statusJob = server.get("/v1/scheduler").jsonBody().get("jobs").get(0);

    assertThat(job.get("lastRun")).isEqualTo(statusJob.get("lastRun"));
    assertThat(job.get("recentRuns").get(0)).isEqualTo(statusJob.get("lastRun"));
    assertThat(job.get("schedule").get("every")).isEqualTo(statusJob.get("schedule").get("every"));
  }

  @Test
  void aJobThatNeverRanHasANullLastRunAndNoRecentRuns() {
    server.jobs.answer(
        List.of(
            new JobDetails(
                "probe", JobSchedule.every(Duration.ofMillis(200)), false, null, null, List.of())));

    JsonNode job = server.get("/v1/jobs").jsonBody().get("jobs").get(0);

    assertThat(fieldNames(job)).containsExactlyInAnyOrderElementsOf(JOB_FIELDS);
    assertThat(job.get("schedule").get("every").toString()).isEqualTo("0.2");
    assertThat(job.get("lastRun").isNull()).isTrue();
    assertThat(job.get("nextRunAt").isNull()).isTrue();
    assertThat(job.get("recentRuns").isArray()).isTrue();
    assertThat(job.get("recentRuns")).isEmpty();
  }

  @Test
  void aCronJobShowsItsExpressionAndZoneAndAPausedJobSaysSo() {
    server.jobs.answer(
        List.of(
            new JobDetails(
                "send-invoices",
                JobSchedule.cron("*/5 * * * *", ZoneId.of("Europe/Berlin")),
                true,
                null,
                null,
                List.of())));

    JsonNode job = server.get("/v1/jobs").jsonBody().get("jobs").get(0);

    assertThat(job.get("schedule").toString())
        .isEqualTo("{\"cron\":\"*/5 * * * *\",\"zone\":\"Europe/Berlin\"}");
    assertThat(job.get("paused").booleanValue()).isTrue();
  }

  @Test
  void theListHasTheListEnvelopeWithANullCursorEvenWhenEmpty() {
    JsonNode body = server.get("/v1/jobs").jsonBody();

    assertThat(fieldNames(body)).containsExactlyInAnyOrder("jobs", "nextCursor");
    assertThat(body.get("jobs").isArray()).isTrue();
    assertThat(body.get("jobs")).isEmpty();
    assertThat(body.get("nextCursor").isNull()).isTrue();
  }

  @Test
  void jobsKeepTheOrderTheQueryGives() {
    server.jobs.answer(
        List.of(
            pollJob(null, null, List.of()),
            new JobDetails(
                "probe", JobSchedule.every(Duration.ofMillis(200)), false, null, null, List.of())));

    JsonNode jobs = server.get("/v1/jobs").jsonBody().get("jobs");

    assertThat(jobs).hasSize(2);
    assertThat(jobs.get(0).get("name").textValue()).isEqualTo("poll_llm_batches");
    assertThat(jobs.get(1).get("name").textValue()).isEqualTo("probe");
  }

  /** {@code poll_llm_batches}, every five minutes, not paused. */
  private static JobDetails pollJob(JobRun lastRun, Instant nextRunAt, List<JobRun> recentRuns) {
    return new JobDetails(
        "poll_llm_batches",
        JobSchedule.every(Duration.ofMinutes(5)),
        false,
        lastRun,
        nextRunAt,
        recentRuns);
  }
}
