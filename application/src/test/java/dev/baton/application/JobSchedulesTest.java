package dev.baton.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.application.schedule.JobSchedule;
import dev.baton.domain.JobRun;
import dev.baton.domain.JobRunOutcome;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The job scheduler with schedules, stored slots, pauses, requests from other instances and
 * timeouts, on a manually driven executor: exact times, no sleeps.
 */
class JobSchedulesTest extends ManualJobSchedulerTest {
  private static final ZoneId UTC = ZoneId.of("UTC");
  // 2026-01-01T00:00:00Z
  private final List<ExecutorService> pools = new ArrayList<>();

  @AfterEach
  void stopPools() {
    pools.forEach(ExecutorService::shutdownNow);
  }

  private JobDefinition cronJob(String expression) {
    return new JobDefinition(
        "job",
        JobSchedule.cron(expression, UTC),
        Duration.ZERO,
        Optional.empty(),
        run -> runTimes.add(clock.now()));
  }

  private JobScheduler lead(JobDefinition job) {
    JobScheduler scheduler = scheduler(Jitter.none(), job);
    lead(scheduler, start);
    return scheduler;
  }

  @Test
  void aCronJobThatNeverRanWaitsForItsNextSlotThenKeepsToTheSlots() {
    clock.advance(Duration.ofMinutes(1));
    lead(cronJob("*/15 * * * *"));

    executor.advanceBy(Duration.ofMinutes(13));
    assertThat(runTimes).isEmpty();
    executor.advanceBy(Duration.ofMinutes(31));

    assertThat(runTimes)
        .containsExactly(
            start.plus(Duration.ofMinutes(15)),
            start.plus(Duration.ofMinutes(30)),
            start.plus(Duration.ofMinutes(45)));
    assertThat(runs.scheduledJob("job").lastSlotAt()).isEqualTo(start.plus(Duration.ofMinutes(45)));
  }

  @Test
  void aNewLeaderAfterDowntimeOverSeveralSlotsRunsOneCatchUpRunThenTheCadence() {
    // The last leader ran the 23:00 slot of the day before, then everything was down for 5 hours.
    runs.recordLastStart("job", start.minus(Duration.ofHours(1)));
    clock.advance(Duration.ofHours(4).plusMinutes(10));
    Instant resumed = clock.now();

    lead(cronJob("@hourly"));
    executor.runDueTasks();
    executor.advanceBy(Duration.ofMinutes(50));

    assertThat(runTimes).containsExactly(resumed, start.plus(Duration.ofHours(5)));
    assertThat(runs.runsOf("job"))
        .extracting(JobRun::scheduledAt)
        .containsExactly(start.plus(Duration.ofHours(4)), start.plus(Duration.ofHours(5)));
  }

  @Test
  void aNewLeaderNeverRunsASlotTheOldOneRan() {
    runs.recordLastStart("job", start);

    lead(cronJob("0 * * * *"));
    executor.runDueTasks();
    executor.advanceBy(Duration.ofMinutes(59));

    assertThat(runTimes).isEmpty();
    executor.advanceBy(Duration.ofMinutes(1));
    assertThat(runTimes).containsExactly(start.plus(Duration.ofHours(1)));
  }

  @Test
  void aPausedJobsSlotsPassWithoutARunUntilItIsResumed() {
    runs.setPaused("job", true);
    JobScheduler scheduler = lead(cronJob("*/10 * * * *"));

    executor.advanceBy(Duration.ofMinutes(25));
    assertThat(runTimes).isEmpty();
    assertThat(scheduler.jobs().get(0).nextRunAt()).isEqualTo(start.plus(Duration.ofMinutes(30)));
    runs.setPaused("job", false);
    executor.advanceBy(Duration.ofMinutes(5));

    assertThat(runTimes).containsExactly(start.plus(Duration.ofMinutes(30)));
  }

  @Test
  void aRunAskedForRunsWhileTheJobIsPausedAndLeavesItsSlotsAlone() throws Exception {
    runs.setPaused("job", true);
    JobScheduler scheduler = lead(cronJob("*/10 * * * *"));
    executor.advanceBy(Duration.ofMinutes(3));

    CompletableFuture<JobRun> asked = scheduler.requestRun("job");
    executor.runDueTasks();

    assertThat(asked.get().outcome()).isEqualTo(JobRunOutcome.SUCCEEDED);
    assertThat(runTimes).containsExactly(start.plus(Duration.ofMinutes(3)));
    assertThat(runs.scheduledJob("job").lastSlotAt()).isNull();
    assertThat(scheduler.jobs().get(0).nextRunAt()).isEqualTo(start.plus(Duration.ofMinutes(10)));
  }

  @Test
  void aRunAskedForOnAnotherInstanceRunsOnceAndClearsTheRequest() {
    JobScheduler scheduler = lead(cronJob("0 12 * * *"));
    runs.requestRun("job", start.plusSeconds(5));
    clock.advance(Duration.ofSeconds(6));

    scheduler.queueStoredRequests(runs.scheduledJobs());
    scheduler.queueStoredRequests(runs.scheduledJobs()); // the next check before the run starts
    executor.runDueTasks();
    scheduler.queueStoredRequests(runs.scheduledJobs());
    executor.runDueTasks();

    assertThat(runTimes).containsExactly(start.plusSeconds(6));
    assertThat(runs.scheduledJob("job").runRequestedAt()).isNull();
  }

  @Test
  void requestsOfJobsThisInstanceDoesNotRunAreLeftStored() {
    JobScheduler scheduler = lead(cronJob("0 12 * * *"));
    runs.requestRun("another-version-s-job", start);

    scheduler.queueStoredRequests(runs.scheduledJobs());
    executor.runDueTasks();

    assertThat(runTimes).isEmpty();
    assertThat(runs.scheduledJob("another-version-s-job").runRequestedAt()).isEqualTo(start);
  }

  @Test
  void aRunThatOverstaysItsTimeoutIsInterruptedAndRecordedFailed() throws Exception {
    ExecutorService workers = Executors.newSingleThreadExecutor();
    pools.add(workers);
    CountDownLatch running = new CountDownLatch(1);
    JobDefinition slow =
        new JobDefinition(
            "job",
            JobSchedule.every(Duration.ofHours(1)),
            Duration.ZERO,
            Optional.of(Duration.ofSeconds(30)),
            run -> {
              running.countDown();
              new CountDownLatch(1).await(); // until interrupted
            });
    JobScheduler scheduler = scheduler(workers, Jitter.none(), slow);
    lead(scheduler, start);
    executor.runDueTasks();
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

    executor.advanceBy(Duration.ofSeconds(30));
    assertThat(scheduler.awaitIdle(Duration.ofSeconds(10))).isTrue();

    JobRun run = runs.runsOf("job").get(0);
    assertThat(run.outcome()).isEqualTo(JobRunOutcome.FAILED);
    assertThat(run.error()).isEqualTo("timed out after 30000 ms");
  }
}
