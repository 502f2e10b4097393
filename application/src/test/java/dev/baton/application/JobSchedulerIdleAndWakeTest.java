package dev.baton.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.domain.JobRun;
import dev.baton.domain.JobRunOutcome;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Jobs that wake often and mostly find nothing to do ({@code deliver_webhooks}): a slot with no
 * work records no run, and new work can bring the next run forward.
 */
class JobSchedulerIdleAndWakeTest extends ManualJobSchedulerTest {
  @Test
  void aScheduledRunWithNothingToDoRecordsNoRun() {
    AtomicInteger work = new AtomicInteger();
    JobTask quiet =
        new JobTask() {
          @Override
          public void run(RunContext run) {
            runTimes.add(clock.now());
            work.decrementAndGet();
          }

          @Override
          public boolean hasWork() {
            return work.get() > 0;
          }
        };
    JobScheduler scheduler =
        scheduler(
            Jitter.none(), new JobDefinition("quiet", Duration.ofSeconds(1), Duration.ZERO, quiet));
    lead(scheduler, start);

    executor.advanceBy(Duration.ofSeconds(3));
    assertThat(runs.runsOf("quiet")).isEmpty();

    work.set(1);
    executor.advanceBy(Duration.ofSeconds(1));
    assertThat(runTimes).containsExactly(start.plusSeconds(4));
    assertThat(runs.runsOf("quiet")).hasSize(1);
    executor.advanceBy(Duration.ofSeconds(5));
    assertThat(runs.runsOf("quiet")).hasSize(1);
  }

  @Test
  void aRunAskedForRunsEvenWithNothingToDo() throws Exception {
    JobTask quiet =
        new JobTask() {
          @Override
          public void run(RunContext run) {
            runTimes.add(clock.now());
          }

          @Override
          public boolean hasWork() {
            return false;
          }
        };
    JobScheduler scheduler =
        scheduler(
            Jitter.none(), new JobDefinition("quiet", Duration.ofSeconds(1), Duration.ZERO, quiet));
    lead(scheduler, start);
    executor.runDueTasks();

    CompletableFuture<JobRun> asked = scheduler.requestRun("quiet");
    executor.runDueTasks();

    assertThat(asked.get().outcome()).isEqualTo(JobRunOutcome.SUCCEEDED);
    assertThat(runTimes).containsExactly(start);
  }

  @Test
  void wakingAJobBringsItsNextRunForward() {
    JobScheduler scheduler = leadingRecordingJob(Duration.ofSeconds(60));
    executor.runDueTasks();
    executor.advanceBy(Duration.ofSeconds(5));

    scheduler.wake("job");
    executor.runDueTasks();

    assertThat(runTimes).containsExactly(start, start.plusSeconds(5));
    executor.advanceBy(Duration.ofSeconds(59));
    assertThat(runTimes).hasSize(2);
    executor.advanceBy(Duration.ofSeconds(1));
    assertThat(runTimes).containsExactly(start, start.plusSeconds(5), start.plusSeconds(65));
  }

  @Test
  void wakingDoesNothingWhileNotLeading() {
    JobScheduler scheduler =
        scheduler(Jitter.none(), recordingJob(Duration.ofSeconds(60), Duration.ZERO));

    scheduler.wake("job");
    scheduler.wake("unknown");
    executor.advanceBy(Duration.ofSeconds(5));

    assertThat(runTimes).isEmpty();
  }
}
