package dev.baton.embedded.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.application.Jitter;
import dev.baton.application.JobScheduler;
import dev.baton.application.LifecycleExecutors;
import dev.baton.application.SchedulerLifecycle;
import dev.baton.application.SchedulerReadiness;
import dev.baton.application.SchedulerSettings;
import dev.baton.domain.DatabaseFailure;
import dev.baton.domain.InstanceId;
import dev.baton.domain.LeadershipUnavailableException;
import dev.baton.testsupport.fakes.InMemoryJobRuns;
import dev.baton.testsupport.fakes.InMemoryLeadership;
import dev.baton.testsupport.fakes.ManualScheduledExecutor;
import dev.baton.testsupport.fakes.RecordingSchedulerEvents;
import dev.baton.testsupport.fakes.SettableClock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** After startup, failed lock attempts are what tells readiness the database is away, and why. */
class WatchedLeadershipTest {
  private final SettableClock clock = SettableClock.atEpochDay();
  private final ManualScheduledExecutor executor = new ManualScheduledExecutor(clock);
  private final InMemoryLeadership.LockTable lockTable = new InMemoryLeadership.LockTable();
  private final InMemoryLeadership backend = new InMemoryLeadership("baton-self", lockTable, clock);
  private final InMemoryJobRuns runs = new InMemoryJobRuns(clock, lockTable::term);
  private final SchedulerReadiness readiness =
      new SchedulerReadiness(
          new SchedulerLifecycle(
              SchedulerSettings.defaults(new InstanceId("baton-self")),
              backend,
              new JobScheduler(
                  List.of(),
                  runs,
                  new RecordingSchedulerEvents(),
                  clock,
                  executor,
                  executor,
                  Jitter.none()),
              runs,
              new RecordingSchedulerEvents(),
              clock,
              new LifecycleExecutors(executor, executor, executor, executor, executor)));

  /** Classifies as the PostgreSQL backend would a refused connection. */
  private final WatchedLeadership watched =
      new WatchedLeadership(
          backend,
          error ->
              error instanceof LeadershipUnavailableException
                  ? Optional.of(
                      new DatabaseFailure(
                          DatabaseFailure.Kind.UNREACHABLE, "Connection refused (SQLSTATE 08001)"))
                  : Optional.empty(),
          () -> readiness);

  @Test
  void aFailedAttemptPutsItsCauseOnReadinessAndTheNextAnswerTakesItOff() throws Exception {
    readiness.databaseReady();
    backend.failNextAttempts(1);

    assertThatThrownBy(watched::tryAcquire).isInstanceOf(LeadershipUnavailableException.class);
    assertThat(readiness.databaseProblem())
        .contains("database unreachable: Connection refused (SQLSTATE 08001)");
    assertThat(readiness.readiness().detail())
        .isEqualTo("database unreachable: Connection refused (SQLSTATE 08001)");

    assertThat(watched.awaitAcquire(java.time.Duration.ofSeconds(1))).isPresent();
    assertThat(readiness.databaseProblem()).isEmpty();
  }
}
