package dev.baton.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.application.port.in.ClusterView;
import dev.baton.application.port.in.JobDetails;
import dev.baton.application.port.in.RunJobUseCase;
import dev.baton.domain.JobRun;
import dev.baton.domain.JobRunOutcome;
import dev.baton.domain.SchedulerInstance;
import dev.baton.domain.SchedulerRole;
import dev.baton.testsupport.fakes.InMemoryInstanceRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The instance registry, the cluster view, and the operator's actions on jobs. */
class OperatorServicesTest extends ManualLifecycleTest {
  private final InMemoryInstanceRegistry registry = new InMemoryInstanceRegistry();
  private final ExecutorService realWorkers = Executors.newSingleThreadExecutor();

  @AfterEach
  void stopWorkers() {
    realWorkers.shutdownNow();
  }

  private JobScheduler scheduler(ExecutorService workers) {
    return probeEvery(Duration.ofSeconds(60), workers);
  }

  private InstanceRegistration registration(
      SchedulerLifecycle lifecycle, String host, int pid, String version) {
    return new InstanceRegistration(
        new InstanceRegistration.Description("baton-self", host, pid, version),
        registry,
        lifecycle,
        clock,
        executor);
  }

  @Test
  void anInstanceRegistersRefreshesItsRoleAndHeartbeatAndPrunesTheLongGone() {
    registry.register(
        new SchedulerInstance(
            "baton-ancient",
            "h",
            1,
            "v",
            SchedulerRole.LEADER,
            start.minusSeconds(7200),
            start.minusSeconds(3600)));
    SchedulerLifecycle lifecycle = lifecycle(scheduler(executor));
    InstanceRegistration registration = registration(lifecycle, "host-a", 42, "1.0");

    registration.start();
    assertThat(registry.listInstances())
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.instanceId()).isEqualTo("baton-self");
              assertThat(row.role()).isEqualTo(SchedulerRole.STOPPED);
              assertThat(row.host()).isEqualTo("host-a");
              assertThat(row.pid()).isEqualTo(42);
            });
    lifecycle.start();
    executor.advanceBy(InstanceRegistration.REFRESH_INTERVAL);

    SchedulerInstance refreshed = registry.listInstances().get(0);
    assertThat(refreshed.role()).isEqualTo(SchedulerRole.LEADER);
    assertThat(refreshed.heartbeatAt())
        .isEqualTo(start.plus(InstanceRegistration.REFRESH_INTERVAL));
    assertThat(refreshed.startedAt()).isEqualTo(start);
  }

  @Test
  void aFailedRefreshIsRetriedAndRegistersAgain() {
    SchedulerLifecycle lifecycle = lifecycle(scheduler(executor));
    InstanceRegistration registration = registration(lifecycle, "h", 1, "v");
    registration.start();
    registry.setFailing(true);
    executor.advanceBy(InstanceRegistration.REFRESH_INTERVAL);
    registry.setFailing(false);
    registry.clear();

    executor.advanceBy(InstanceRegistration.REFRESH_INTERVAL);

    assertThat(registry.listInstances())
        .extracting(SchedulerInstance::instanceId)
        .containsExactly("baton-self");
  }

  @Test
  void theClusterViewShowsTheLeaderAndWhoIsAliveOrGone() {
    lockTable.takenBy("baton-a", start);
    registry.register(
        new SchedulerInstance("baton-a", "h", 1, "v", SchedulerRole.LEADER, start, start));
    registry.register(
        new SchedulerInstance(
            "baton-b", "h", 2, "v", SchedulerRole.FOLLOWER, start, start.minusSeconds(60)));

    ClusterView view =
        new ClusterService(registry, leadership, limit -> List.of(), clock).cluster();

    assertThat(view.leaderInstanceId()).isEqualTo("baton-a");
    assertThat(view.term()).isEqualTo(1);
    assertThat(view.instances())
        .extracting(ClusterView.Instance::instanceId, ClusterView.Instance::alive)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("baton-a", true),
            org.assertj.core.groups.Tuple.tuple("baton-b", false));
  }

  @Test
  void runNowOnTheLeaderAnswersWithTheFinishedRunAndTheJobsShowIt() throws Exception {
    JobScheduler jobs = scheduler(realWorkers);
    SchedulerLifecycle lifecycle = lifecycle(jobs);
    lifecycle.start();
    JobsService service = new JobsService(jobs, runs, lifecycle, clock);
    Thread driver =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                executor.runDueTasks();
                Thread.onSpinWait();
              }
            });
    driver.start();
    JobRun run;
    try {
      run = service.runNow(ProbeJob.NAME).run();
    } finally {
      driver.interrupt();
      driver.join();
    }

    assertThat(run.outcome()).isEqualTo(JobRunOutcome.SUCCEEDED);
    assertThat(run.finishedAt()).isNotNull();
    JobDetails details = service.jobs().get(0);
    assertThat(details.name()).isEqualTo(ProbeJob.NAME);
    assertThat(details.lastRun().id()).isEqualTo(run.id());
    assertThat(details.recentRuns()).extracting(JobRun::id).contains(run.id());
  }

  @Test
  void onAFollowerRunNowIsStoredForTheLeaderStepDownNamesItAndAnUnknownJobIsRefused()
      throws Exception {
    lockTable.takenBy("baton-a", start);
    JobScheduler jobs = scheduler(executor);
    SchedulerLifecycle lifecycle = lifecycle(jobs);
    lifecycle.start();
    JobsService service = new JobsService(jobs, runs, lifecycle, clock);

    RunJobUseCase.RunNow asked = service.runNow(ProbeJob.NAME);

    assertThat(asked.finished()).isFalse();
    assertThat(asked.leaderInstanceId()).isEqualTo("baton-a");
    assertThat(runs.scheduledJob(ProbeJob.NAME).runRequestedAt()).isEqualTo(clock.now());
    assertThatThrownBy(service::stepDown)
        .isInstanceOfSatisfying(
            NotLeaderException.class, e -> assertThat(e.leaderInstanceId()).isEqualTo("baton-a"));
    assertThatThrownBy(() -> service.runNow("nope")).isInstanceOf(UnknownJobException.class);
    assertThatThrownBy(() -> service.pause("nope")).isInstanceOf(UnknownJobException.class);
  }

  @Test
  void pauseAndResumeAreStoredOnAnyInstanceAndShownWithTheJob() {
    lockTable.takenBy("baton-a", start);
    JobScheduler jobs = scheduler(executor);
    SchedulerLifecycle lifecycle = lifecycle(jobs);
    lifecycle.start();
    JobsService service = new JobsService(jobs, runs, lifecycle, clock);

    assertThat(service.pause(ProbeJob.NAME).paused()).isTrue();
    assertThat(runs.scheduledJob(ProbeJob.NAME).paused()).isTrue();
    assertThat(service.jobs().get(0).paused()).isTrue();
    assertThat(service.resume(ProbeJob.NAME).paused()).isFalse();
    assertThat(runs.scheduledJob(ProbeJob.NAME).paused()).isFalse();
  }
}
