package dev.baton.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.domain.RunTrigger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Woken runs: a task told of work between its runs gets a run that does only that work. */
class JobSchedulerWakeTest extends ManualJobSchedulerTest {
  private final AtomicBoolean workAskedFor = new AtomicBoolean();
  private final List<RunTrigger> triggers = new ArrayList<>();
  private final JobScheduler scheduler =
      scheduler(
          Jitter.none(),
          new JobDefinition("poll", Duration.ofSeconds(300), Duration.ZERO, new RecordingTask()));

  private final StoredRunRequests storedRequests = new StoredRunRequests(runs, scheduler, executor);

  private final class RecordingTask implements WakeableTask {
    @Override
    public boolean hasWorkAskedFor() {
      return workAskedFor.get();
    }

    @Override
    public void run(RunContext run) {
      triggers.add(run.trigger());
      workAskedFor.set(false);
    }
  }

  private void lead() {
    lead(scheduler, start);
    executor.runDueTasks(); // the first scheduled run of a job never run before
  }

  @Test
  void workAskedForBetweenRunsStartsAWokenRunAtOnce() {
    lead();
    executor.advanceBy(Duration.ofSeconds(10));
    workAskedFor.set(true);

    storedRequests.wakeJobsWithWork();
    executor.runDueTasks();

    assertThat(triggers).containsExactly(RunTrigger.SCHEDULED, RunTrigger.WOKEN);
    assertThat(runs.recentRuns("poll", 10)).hasSize(2);
  }

  @Test
  void withoutWorkNothingStartsAndTheScheduleKeepsItsSlots() {
    lead();
    storedRequests.wakeJobsWithWork();
    executor.advanceBy(Duration.ofSeconds(299));
    assertThat(triggers).containsExactly(RunTrigger.SCHEDULED);

    executor.advanceBy(Duration.ofSeconds(1));
    assertThat(triggers).containsExactly(RunTrigger.SCHEDULED, RunTrigger.SCHEDULED);
  }

  @Test
  void aWokenRunLeavesAStoredRunRequestToAFullRun() {
    lead();
    workAskedFor.set(true);
    storedRequests.wakeJobsWithWork();
    runs.requestRun("poll", clock.now());

    executor.runDueTasks();
    assertThat(triggers).containsExactly(RunTrigger.SCHEDULED, RunTrigger.WOKEN);
    scheduler.queueStoredRequests(runs.scheduledJobs());
    executor.runDueTasks();

    assertThat(triggers)
        .containsExactly(RunTrigger.SCHEDULED, RunTrigger.WOKEN, RunTrigger.REQUESTED);
  }

  @Test
  void aPausedJobIsNotWokenAndItsWorkWaits() {
    lead();
    runs.setPaused("poll", true);
    workAskedFor.set(true);

    storedRequests.wakeJobsWithWork();
    executor.runDueTasks();

    assertThat(triggers).containsExactly(RunTrigger.SCHEDULED);
    assertThat(workAskedFor).isTrue();
  }

  @Test
  void nothingIsWokenWhileNotLeading() {
    workAskedFor.set(true);

    storedRequests.wakeJobsWithWork();
    executor.advanceBy(Duration.ofSeconds(10));

    assertThat(triggers).isEmpty();
  }
}
