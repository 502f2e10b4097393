package dev.baton.adapters.http;

import static dev.baton.adapters.http.RunningServer.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.application.port.in.JobStatus;
import dev.baton.application.port.in.SchedulerStatus;
import dev.baton.application.schedule.JobSchedule;
import dev.baton.domain.JobRun;
import dev.baton.domain.JobRunOutcome;
import dev.baton.domain.SchedulerRole;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SchedulerStatusEndpointTest {
  @RegisterExtension final RunningServer server = new RunningServer();

  private static final List<String> STATUS_FIELDS =
      List.of(
          "instanceId",
          "role",
          "term",
          "leaderInstanceId",
          "leaderSince",
          "jobsStartAt",
          "backend",
          "electionSupported",
          "acquireMode",
          "jobs");
  private static final List<String> JOB_FIELDS =
      List.of("name", "schedule", "paused", "lastRun", "nextRunAt");

  @Test
  void leaderReportsEveryFieldWithItsJsonType() {
    JobRun lastRun =
        new JobRun(
            41,
            "poll_llm_batches",
            "baton-aaaaaaaaaaaa",
            7,
            Instant.parse("2026-11-27T00:41:00.000Z"),
            Instant.parse("2026-11-27T00:41:00.015Z"),
            Instant.parse("2026-11-27T00:41:02.250Z"),
            JobRunOutcome.FAILED,
            "provider answered 529");
    server.schedulerStatus.answer(
        leading(
            Instant.parse("2026-11-27T00:40:58.500Z"),
            Instant.parse("2026-11-27T00:40:58.501Z"),
            job(
                "poll_llm_batches",
                Duration.ofSeconds(300),
                lastRun,
                Instant.parse("2026-11-27T00:46:00.000Z"))));

    RunningServer.Reply reply = server.get("/v1/scheduler");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.contentType()).startsWith("application/json");
    JsonNode body = reply.jsonBody();
    assertThat(fieldNames(body)).containsExactlyInAnyOrderElementsOf(STATUS_FIELDS);
    assertThat(body.get("instanceId").textValue()).isEqualTo("baton-aaaaaaaaaaaa");
    assertThat(body.get("role").textValue()).isEqualTo("LEADER");
    assertThat(body.get("term").isIntegralNumber()).isTrue();
    assertThat(body.get("term").longValue()).isEqualTo(7);
    assertThat(body.get("leaderInstanceId").textValue()).isEqualTo("baton-aaaaaaaaaaaa");
    assertThat(body.get("leaderSince").textValue()).isEqualTo("2026-11-27T00:40:58.500Z");
    assertThat(body.get("jobsStartAt").textValue()).isEqualTo("2026-11-27T00:40:58.501Z");
    assertThat(body.get("backend").textValue()).isEqualTo("postgres");
    assertThat(body.get("electionSupported").isBoolean()).isTrue();
    assertThat(body.get("electionSupported").booleanValue()).isTrue();
    assertThat(body.get("acquireMode").textValue()).isEqualTo("wait");

    assertThat(body.get("jobs").isArray()).isTrue();
    assertThat(body.get("jobs")).hasSize(1);
    JsonNode job = body.get("jobs").get(0);
    assertThat(fieldNames(job)).containsExactlyInAnyOrderElementsOf(JOB_FIELDS);
    assertThat(job.get("name").textValue()).isEqualTo("poll_llm_batches");
    assertThat(job.get("schedule").get("every").isNumber()).isTrue();
    assertThat(job.get("schedule").get("every").decimalValue()).isEqualByComparingTo("300");
    assertThat(job.get("nextRunAt").textValue()).isEqualTo("2026-11-27T00:46:00.000Z");

    assertThat(job.get("lastRun"))
        .isEqualTo(
            server.json(
                """
                {"id": 41, "instanceId": "baton-aaaaaaaaaaaa", "term": 7,
                 "scheduledAt": "2026-11-27T00:41:00.000Z", "startedAt": "2026-11-27T00:41:00.015Z",
                 "finishedAt": "2026-11-27T00:41:02.250Z", "outcome": "failed",
                 "error": "provider answered 529"}"""));
  }

  @Test
  void followerWritesUnknownValuesAsNullsAndKeepsEveryField() {
    JobRun running =
        new JobRun(
            42,
            "poll_llm_batches",
            "baton-bbbbbbbbbbbb",
            8,
            null,
            Instant.parse("2026-11-27T00:41:00.000Z"),
            null,
            JobRunOutcome.RUNNING,
            null);
    server.schedulerStatus.answer(
        new SchedulerStatus(
            "baton-cccccccccccc",
            SchedulerRole.FOLLOWER,
            null,
            null,
            null,
            null,
            "postgres",
            true,
            "poll",
            List.of(
                job("poll_llm_batches", Duration.ofSeconds(300), running, null),
                job("probe", Duration.ofMillis(200), null, null))));

    JsonNode body = server.get("/v1/scheduler").jsonBody();

    assertThat(fieldNames(body)).containsExactlyInAnyOrderElementsOf(STATUS_FIELDS);
    assertThat(body.get("role").textValue()).isEqualTo("FOLLOWER");
    assertThat(body.get("acquireMode").textValue()).isEqualTo("poll");
    for (String field : List.of("term", "leaderInstanceId", "leaderSince", "jobsStartAt")) {
      assertThat(body.get(field).isNull()).as(field).isTrue();
    }

    JsonNode polled = body.get("jobs").get(0);
    assertThat(polled.get("nextRunAt").isNull()).isTrue();
    JsonNode run = polled.get("lastRun");
    assertThat(fieldNames(run)).containsExactlyInAnyOrderElementsOf(JobRuns.FIELDS);
    assertThat(run.get("outcome").textValue()).isEqualTo("running");
    assertThat(run.get("scheduledAt").isNull()).isTrue();
    assertThat(run.get("finishedAt").isNull()).isTrue();
    assertThat(run.get("error").isNull()).isTrue();

    JsonNode probe = body.get("jobs").get(1);
    assertThat(fieldNames(probe)).containsExactlyInAnyOrderElementsOf(JOB_FIELDS);
    assertThat(probe.get("lastRun").isNull()).isTrue();
    assertThat(probe.get("nextRunAt").isNull()).isTrue();
  }

  @Test
  void subSecondIntervalIsAFractionalNumberOfSeconds() {
    server.schedulerStatus.answer(statusWithJob(job("probe", Duration.ofMillis(200), null, null)));

    JsonNode interval =
        server.get("/v1/scheduler").jsonBody().get("jobs").get(0).get("schedule").get("every");

    assertThat(interval.isNumber()).isTrue();
    assertThat(interval.toString()).isEqualTo("0.2");
  }

  @Test
  void wholeSecondIntervalIsWrittenWithoutExponentOrFraction() {
    server.schedulerStatus.answer(
        statusWithJob(job("poll_llm_batches", Duration.ofMinutes(5), null, null)));

    JsonNode interval =
        server.get("/v1/scheduler").jsonBody().get("jobs").get(0).get("schedule").get("every");

    assertThat(interval.toString()).isEqualTo("300");
  }

  @Test
  void timestampsAreUtcWithExactlyThreeFractionDigits() {
    server.schedulerStatus.answer(
        leading(
            Instant.parse("2026-11-27T00:41:08.120Z"),
            Instant.parse("2026-11-27T00:41:08Z"),
            job(
                "probe",
                Duration.ofSeconds(1),
                null,
                Instant.parse("2026-11-27T00:41:09.100999999Z"))));

    RunningServer.Reply reply = server.get("/v1/scheduler");
    JsonNode json = reply.jsonBody();

    assertThat(json.get("leaderSince").textValue()).isEqualTo("2026-11-27T00:41:08.120Z");
    assertThat(json.get("jobsStartAt").textValue()).isEqualTo("2026-11-27T00:41:08.000Z");
    assertThat(json.get("jobs").get(0).get("nextRunAt").textValue())
        .isEqualTo("2026-11-27T00:41:09.100Z");
    assertThat(reply.body()).doesNotContain("2026-11-27T00:41:08.12Z", "2026-11-27T00:41:08Z");
  }

  /** {@code baton-aaaaaaaaaaaa} leads term 7 on PostgreSQL. */
  private static SchedulerStatus leading(Instant since, Instant jobsStartAt, JobStatus job) {
    return new SchedulerStatus(
        "baton-aaaaaaaaaaaa",
        SchedulerRole.LEADER,
        7L,
        "baton-aaaaaaaaaaaa",
        since,
        jobsStartAt,
        "postgres",
        true,
        "wait",
        List.of(job));
  }

  private static SchedulerStatus statusWithJob(JobStatus job) {
    return new SchedulerStatus(
        "baton-aaaaaaaaaaaa",
        SchedulerRole.ACQUIRING,
        null,
        null,
        null,
        null,
        "postgres",
        true,
        "wait",
        List.of(job));
  }

  /** A job that is not paused. */
  private static JobStatus job(String name, Duration every, JobRun lastRun, Instant nextRunAt) {
    return new JobStatus(name, JobSchedule.every(every), false, lastRun, nextRunAt);
  }
}
