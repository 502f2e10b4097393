package dev.baton.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.application.port.in.ReadinessQuery.Readiness;
import dev.baton.application.port.in.SchedulerStatus;
import dev.baton.application.schedule.JobSchedule;
import dev.baton.domain.JobRunOutcome;
import dev.baton.domain.SchedulerRole;
import dev.baton.testsupport.contract.JobRunPortContract;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SchedulerStatusServiceTest extends ManualLifecycleTest {
  private final JobScheduler jobs = probeEvery(Duration.ofSeconds(1), executor);
  private final SchedulerLifecycle lifecycle = lifecycle(jobs);
  private final SchedulerStatusService status =
      new SchedulerStatusService(lifecycle, jobs, leadership, runs, "sqlite");
  private final SchedulerReadiness readiness = new SchedulerReadiness(lifecycle);

  @Test
  void aLeaderReportsItselfItsTermItsJobsAndTheirLastRun() {
    leadership.setTakeoverGrace(Duration.ofSeconds(2));
    lifecycle.start();
    executor.advanceBy(Duration.ofSeconds(2));

    SchedulerStatus view = status.schedulerStatus();

    assertThat(view.role()).isEqualTo(SchedulerRole.LEADER);
    assertThat(view.term()).isEqualTo(1);
    assertThat(view.leaderInstanceId()).isEqualTo("baton-self");
    assertThat(view.leaderSince()).isEqualTo(start);
    assertThat(view.jobsStartAt()).isEqualTo(start.plusSeconds(2));
    assertThat(view.backend()).isEqualTo("sqlite");
    assertThat(view.electionSupported()).isTrue();
    assertThat(view.acquireMode()).isEqualTo("wait");
    assertThat(view.jobs())
        .singleElement()
        .satisfies(
            job -> {
              assertThat(job.name()).isEqualTo("probe");
              assertThat(job.schedule()).isEqualTo(JobSchedule.every(Duration.ofSeconds(1)));
              assertThat(job.paused()).isFalse();
              assertThat(job.lastRun().outcome()).isEqualTo(JobRunOutcome.SUCCEEDED);
              assertThat(job.nextRunAt()).isEqualTo(start.plusSeconds(3));
            });
  }

  @Test
  void aFollowerReportsTheStoredLeaderAndNoJobStart() {
    lockTable.takenBy("baton-other", start.minusSeconds(60));
    lifecycle.start();

    SchedulerStatus view = status.schedulerStatus();

    assertThat(view.role()).isEqualTo(SchedulerRole.FOLLOWER);
    assertThat(view.leaderInstanceId()).isEqualTo("baton-other");
    assertThat(view.leaderSince()).isEqualTo(start.minusSeconds(60));
    assertThat(view.term()).isEqualTo(1);
    assertThat(view.jobsStartAt()).isNull();
    assertThat(view.jobs().get(0).nextRunAt()).isNull();
  }

  @Test
  void whileItsLockAttemptsFailTheViewAnswersFromMemoryWithoutAskingTheDatabase() {
    lockTable.takenBy("baton-other", start.minusSeconds(60));
    runs.finishRun(
        JobRunPortContract.started(runs, "probe", "baton-other", lockTable.term(), start).id(),
        JobRunOutcome.SUCCEEDED,
        null);
    leadership.failNextAttempts(3);
    lifecycle.start();

    SchedulerStatus unreachable = status.schedulerStatus();

    assertThat(unreachable.role()).isEqualTo(SchedulerRole.ACQUIRING);
    assertThat(unreachable.leaderInstanceId()).as("stored, so not read").isNull();
    assertThat(unreachable.term()).isNull();
    assertThat(unreachable.jobs().get(0).lastRun()).as("stored, so not read").isNull();

    executor.advanceBy(Duration.ofSeconds(2));
    SchedulerStatus back = status.schedulerStatus();

    assertThat(back.role()).isEqualTo(SchedulerRole.FOLLOWER);
    assertThat(back.leaderInstanceId()).isEqualTo("baton-other");
    assertThat(back.jobs().get(0).lastRun().outcome()).isEqualTo(JobRunOutcome.SUCCEEDED);
  }

  @Test
  void readinessIsLostWhileTheDatabaseCannotBeAskedAndComesBackWithIt() {
    readiness.databaseReady();
    leadership.failNextAttempts(3);
    lifecycle.start();
    readiness.schedulerStarted();

    assertThat(readiness.readiness())
        .isEqualTo(new Readiness(false, "database unreachable; retrying"));
    executor.advanceBy(Duration.ofSeconds(2));

    assertThat(lifecycle.role()).isEqualTo(SchedulerRole.LEADER);
    assertThat(readiness.readiness().ready()).isTrue();
  }

  @Test
  void readinessNeedsTheDatabaseAndAStartedSchedulerAndEndsWithShutdown() {
    assertThat(readiness.readiness().ready()).isFalse();
    readiness.databaseReady();
    assertThat(readiness.readiness()).isEqualTo(new Readiness(false, "scheduler not started yet"));
    lifecycle.start();
    readiness.schedulerStarted();
    assertThat(readiness.readiness().ready()).isTrue();
    readiness.databaseUnavailable("database unavailable: connection refused");
    assertThat(readiness.readiness())
        .isEqualTo(new Readiness(false, "database unavailable: connection refused"));
    readiness.databaseReady();

    lifecycle.shutdown();

    assertThat(readiness.readiness().ready()).isFalse();
  }

  @Test
  void beforeTheLifecycleStartsTheViewDoesNotAskTheDatabase() {
    lockTable.takenBy("baton-other", start.minusSeconds(60));

    SchedulerStatus view = status.schedulerStatus();

    assertThat(view.role()).isEqualTo(SchedulerRole.STOPPED);
    assertThat(view.leaderInstanceId())
        .as("stored, and the database may not answer before the start")
        .isNull();
  }

  @Test
  void theDatabaseProblemIsKnownUntilMigratedAndWhileLockAttemptsFail() {
    assertThat(readiness.databaseProblem()).contains("database not migrated yet");
    readiness.databaseReady();
    assertThat(readiness.databaseProblem()).isEmpty();

    leadership.failNextAttempts(3);
    lifecycle.start();
    readiness.schedulerStarted();

    assertThat(readiness.databaseProblem()).contains("database unreachable; retrying");
    executor.advanceBy(Duration.ofSeconds(2));
    assertThat(readiness.databaseProblem()).isEmpty();
  }
}
