package dev.baton.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.baton.domain.FencedOutException;
import dev.baton.domain.JobRun;
import dev.baton.domain.JobRunOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class JobSchedulerTest extends ManualJobSchedulerTest {
  private final AtomicInteger fencedOut = new AtomicInteger();

  @Override
  Runnable onFencedOut() {
    return fencedOut::incrementAndGet;
  }

  @ParameterizedTest(name = "last started {0} s before the leadership")
  @NullSource // never ran
  @ValueSource(longs = 500) // overdue: the interval is 300 s
  void aJobThatNeverRanOrIsOverdueRunsAtOnceUnderTheNewLeader(Long lastStartedSecondsBefore) {
    if (lastStartedSecondsBefore != null) {
      runs.recordLastStart("job", start.minusSeconds(lastStartedSecondsBefore));
    }
    leadAndRunWhatIsDue(Duration.ofSeconds(300));

    assertThat(runTimes).containsExactly(start);
  }

  @Test
  void runsRepeatAtTheIntervalPlusJitterCappedAtTenPercentOfTheInterval() {
    JobScheduler scheduler =
        scheduler(max -> max, recordingJob(Duration.ofSeconds(10), Duration.ofSeconds(5)));
    lead(scheduler, start);

    executor.advanceBy(Duration.ofSeconds(30));

    // Slots keep to the interval's grid (0, 10, 20 s); jitter moves each run, it does not add up.
    assertThat(runTimes).containsExactly(start, start.plusSeconds(11), start.plusSeconds(21));
  }

  @Test
  void aNewLeaderContinuesTheStoredCadenceInsteadOfRunningAgainAtOnce() {
    runs.recordLastStart("job", start.minusSeconds(100));
    leadingRecordingJob(Duration.ofSeconds(300));

    assertFirstRunAt(start.plusSeconds(200));
  }

  @Test
  void jobsDoNotStartBeforeJobsStartAt() {
    JobScheduler scheduler =
        scheduler(Jitter.none(), recordingJob(Duration.ofSeconds(10), Duration.ZERO));
    lead(scheduler, start.plusSeconds(3));

    assertFirstRunAt(start.plusSeconds(3));
  }

  @Test
  void aRunThatOverrunsItsIntervalDelaysTheNextUntilItEnds() {
    JobScheduler scheduler =
        leadingJob(
            Duration.ofSeconds(10), recordingThen(run -> clock.advance(Duration.ofSeconds(15))));

    executor.runDueTasks();
    assertThat(executor.nextDueAt()).isEqualTo(start.plusSeconds(15));
    executor.runDueTasks();

    assertThat(runTimes).containsExactly(start, start.plusSeconds(15));
    List<JobRun> recorded = runs.runsOf("job");
    assertThat(recorded.get(0).finishedAt()).isEqualTo(recorded.get(1).startedAt());
  }

  @Test
  void aRequestedRunWaitsForTheRunInProgressAndRunsRightAfterIt() throws Exception {
    List<CompletableFuture<JobRun>> requests = new ArrayList<>();
    JobScheduler[] holder = new JobScheduler[1];
    JobDefinition job =
        job(
            Duration.ofSeconds(60),
            run -> {
              runTimes.add(clock.now());
              if (requests.isEmpty()) {
                requests.add(holder[0].requestRun("job"));
                clock.advance(Duration.ofSeconds(2));
              }
            });
    holder[0] = scheduler(Jitter.none(), job);
    lead(holder[0], start);

    executor.runDueTasks();
    executor.runDueTasks(); // the first run moved the clock: the queued run is due at its end

    assertThat(runTimes).containsExactly(start, start.plusSeconds(2));
    JobRun answered = requests.get(0).get();
    assertThat(answered.id()).isEqualTo(2);
    assertThat(answered.outcome()).isEqualTo(JobRunOutcome.SUCCEEDED);
    assertThat(runs.runsOf("job"))
        .allSatisfy(run -> assertThat(run.finishedAt()).isNotNull())
        .extracting(JobRun::startedAt)
        .containsExactly(start, start.plusSeconds(2));
  }

  @Test
  void aRequestedRunWhileIdleRunsNowAndAnswersWithTheFinishedRun() throws Exception {
    JobScheduler scheduler = leadingRecordingJob(Duration.ofSeconds(300));
    executor.runDueTasks();
    executor.advanceBy(Duration.ofSeconds(10));

    CompletableFuture<JobRun> request = scheduler.requestRun("job");
    executor.runDueTasks();

    assertThat(request).isDone();
    assertThat(request.get().startedAt()).isEqualTo(start.plusSeconds(10));
    assertThat(request.get().finishedAt()).isNotNull();
    // A run asked for stands for no slot: the schedule goes on as it was.
    assertThat(scheduler.jobs().get(0).nextRunAt()).isEqualTo(start.plusSeconds(300));
    assertThat(runs.scheduledJob("job").lastSlotAt()).isEqualTo(start);
  }

  @Test
  void requestingARunOnAFollowerOrOfAnUnknownJobIsRefused() {
    JobScheduler scheduler =
        scheduler(Jitter.none(), recordingJob(Duration.ofSeconds(10), Duration.ZERO));

    assertThatThrownBy(() -> scheduler.requestRun("job")).isInstanceOf(NotLeaderException.class);
    lead(scheduler, start);
    assertThatThrownBy(() -> scheduler.requestRun("nope")).isInstanceOf(UnknownJobException.class);
  }

  @Test
  void aFailingRunIsRecordedFailedWithItsErrorAndTheScheduleGoesOn() {
    JobScheduler scheduler =
        leadingJob(
            Duration.ofSeconds(10),
            recordingThen(
                run -> {
                  throw new IllegalStateException("provider said no");
                }));

    executor.advanceBy(Duration.ofSeconds(10));

    assertThat(runTimes).hasSize(2);
    assertThat(runs.runsOf("job"))
        .allSatisfy(
            run -> {
              assertThat(run.outcome()).isEqualTo(JobRunOutcome.FAILED);
              assertThat(run.error()).contains("provider said no");
            });
    assertThat(events.events()).contains("run job failed");
  }

  @Test
  void aRunWhoseStartCannotBeRecordedDoesNotExecuteAndIsTriedAgainNextInterval() {
    runs.failNextStarts(1);
    leadAndRunWhatIsDue(Duration.ofSeconds(10));
    assertThat(runTimes).isEmpty();
    executor.advanceBy(Duration.ofSeconds(10));

    assertThat(runTimes).containsExactly(start.plusSeconds(10));
    assertThat(fencedOut).hasValue(0);
  }

  @Test
  void aFencedOutStartDoesNotExecuteAndReportsTheLoss() {
    currentTerm.set(2);
    leadAndRunWhatIsDue(Duration.ofSeconds(10));

    assertThat(runTimes).isEmpty();
    assertThat(runs.allRuns()).isEmpty();
    assertThat(fencedOut).hasValue(1);
    assertThat(events.events()).containsExactly("fenced job_run start");
  }

  @Test
  void aRunWhoseWriteIsFencedOutFailsAndReportsTheLoss() {
    JobScheduler scheduler =
        leadingJob(
            Duration.ofSeconds(10),
            run -> {
              throw new FencedOutException("storing results", run.term(), run.term() + 1);
            });

    executor.runDueTasks();

    assertThat(runs.runsOf("job").get(0).outcome()).isEqualTo(JobRunOutcome.FAILED);
    assertThat(fencedOut).hasValue(1);
    assertThat(events.events()).contains("run job failed", "fenced write of job");
  }

  @Test
  void eachRunRowCarriesInstanceTermScheduledTimeAndOutcome() {
    leadAndRunWhatIsDue(Duration.ofSeconds(10));

    JobRun run = runs.runsOf("job").get(0);
    assertThat(run.instanceId()).isEqualTo(INSTANCE);
    assertThat(run.term()).isEqualTo(1);
    assertThat(run.scheduledAt()).isEqualTo(start);
    assertThat(run.startedAt()).isEqualTo(start);
    assertThat(run.finishedAt()).isEqualTo(start);
    assertThat(run.outcome()).isEqualTo(JobRunOutcome.SUCCEEDED);
    assertThat(runs.scheduledJob("job").lastStartedAt()).isEqualTo(start);
    assertThat(runs.scheduledJob("job").lastSlotAt()).isEqualTo(start);
  }

  @Test
  void stopSchedulingTriggersNothingMoreAndFailsQueuedRequests() {
    JobScheduler[] holder = new JobScheduler[1];
    List<CompletableFuture<JobRun>> requests = new ArrayList<>();
    JobDefinition job =
        job(
            Duration.ofSeconds(10),
            run -> {
              runTimes.add(clock.now());
              requests.add(holder[0].requestRun("job"));
              holder[0].stopScheduling();
            });
    holder[0] = scheduler(Jitter.none(), job);
    lead(holder[0], start);

    executor.advanceBy(Duration.ofSeconds(60));

    assertThat(runTimes).containsExactly(start);
    assertThat(requests.get(0))
        .isCompletedExceptionally()
        .failsWithin(Duration.ZERO)
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(NotLeaderException.class);
    assertThat(holder[0].isScheduling()).isFalse();
    assertThat(executor.pendingTasks()).isZero();
  }

  @Test
  void aRunStuckPastItsTermHoldsUpTheNextTermsRunUntilItEndsThenTheScheduleGoesOn()
      throws Exception {
    CountDownLatch stuck = new CountDownLatch(1);
    List<Long> terms = new java.util.concurrent.CopyOnWriteArrayList<>();
    JobDefinition job =
        job(
            Duration.ofSeconds(10),
            run -> {
              terms.add(run.term());
              if (run.term() == 1) {
                // Like a socket read on a dead connection: an interrupt does not end it.
                while (true) {
                  try {
                    stuck.await();
                    break;
                  } catch (InterruptedException e) {
                    // keeps waiting
                  }
                }
              }
            });
    ExecutorService workers = Executors.newCachedThreadPool();
    try {
      JobScheduler scheduler = scheduler(workers, Jitter.none(), job);
      lead(scheduler, start);
      executor.runDueTasks();
      await().until(() -> terms.size() == 1);

      scheduler.stopNow();
      currentTerm.set(2);
      clock.advance(Duration.ofSeconds(30));
      lead(scheduler, 2, clock.now());
      executor.runDueTasks();
      assertThat(terms).as("no second run while the first is in flight").containsExactly(1L);

      stuck.countDown();
      assertThat(scheduler.awaitIdle(Duration.ofSeconds(10))).isTrue();
      executor.runDueTasks();
      assertThat(scheduler.awaitIdle(Duration.ofSeconds(10))).isTrue();

      assertThat(terms).containsExactly(1L, 2L);
      assertThat(executor.nextDueAt()).isEqualTo(clock.now().plusSeconds(10));
    } finally {
      workers.shutdownNow();
    }
  }

  @Test
  void theProbeJobRecordsARunEveryIntervalWithoutJitter() {
    JobScheduler scheduler = scheduler(max -> max, ProbeJob.every(Duration.ofMillis(200)));
    lead(scheduler, start);

    executor.advanceBy(Duration.ofMillis(1000));

    assertThat(runs.runsOf(ProbeJob.NAME))
        .extracting(JobRun::startedAt)
        .containsExactly(
            start,
            start.plusMillis(200),
            start.plusMillis(400),
            start.plusMillis(600),
            start.plusMillis(800),
            start.plusMillis(1000));
  }
}
