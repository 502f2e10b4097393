package dev.baton.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.domain.InstanceId;
import dev.baton.domain.LeadershipRecord;
import dev.baton.domain.SchedulerRole;
import dev.baton.domain.port.LeaderLease;
import dev.baton.domain.port.LeadershipPort;
import dev.baton.domain.port.SchedulerEventsPort;
import dev.baton.testsupport.fakes.InMemoryJobRuns;
import dev.baton.testsupport.fakes.InMemoryLeadership;
import dev.baton.testsupport.fakes.ManualScheduledExecutor;
import dev.baton.testsupport.fakes.RecordingSchedulerEvents;
import dev.baton.testsupport.fakes.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Interleavings that a sequential model cannot reach: shutdown begins while the start thread is
 * winning the lock, or between winning it and starting the jobs.
 */
class ShutdownRacingAGrantTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final SettableClock clock = SettableClock.atEpochDay();
  private final ManualScheduledExecutor executor = new ManualScheduledExecutor(clock);
  private final InMemoryLeadership.LockTable lockTable = new InMemoryLeadership.LockTable();
  private final InMemoryLeadership leadership =
      new InMemoryLeadership("baton-self", lockTable, clock);
  private final InMemoryJobRuns runs = new InMemoryJobRuns(clock, lockTable::term);
  private final List<Instant> jobRuns = new CopyOnWriteArrayList<>();
  private final List<String> violations = new CopyOnWriteArrayList<>();

  private final CountDownLatch grantHeld = new CountDownLatch(1);
  private final CountDownLatch shutdownReleasing = new CountDownLatch(1);
  private final CountDownLatch startReturned = new CountDownLatch(1);

  /**
   * The grant is held (in the acquired event) until shutdown is releasing the lease; the release is
   * held until the start thread is done. Whatever the start thread did meanwhile must not schedule
   * a run: the lease is on its way out.
   */
  @Test
  void aGrantTakenWhileShutdownBeginsStartsNoJob() throws Exception {
    SchedulerLifecycle lifecycle = lifecycle();
    leadership.onRelease(this::whileShutdownReleases);

    Thread starter =
        new Thread(
            () -> {
              lifecycle.start();
              startReturned.countDown();
            });
    starter.start();
    assertThat(grantHeld.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    Thread stopper = new Thread(lifecycle::shutdown);
    stopper.start();
    stopper.join(WAIT.toMillis());
    starter.join(WAIT.toMillis());

    assertThat(violations).isEmpty();
    assertThat(jobRuns).as("job runs after shutdown began").isEmpty();
    assertThat(runs.runsOf("job")).isEmpty();
    assertThat(lifecycle.role()).isEqualTo(SchedulerRole.STOPPED);
    assertThat(leadership.lastLease().releases()).isEqualTo(1);
    assertThat(lockTable.holder()).isNull();
  }

  @Test
  void aGrantThatArrivesAfterShutdownBeganIsGivenBackAtOnce() throws Exception {
    CountDownLatch stopping = new CountDownLatch(1);
    SchedulerEventsPort events =
        new RecordingSchedulerEvents() {
          @Override
          public void roleChanged(SchedulerRole from, SchedulerRole to, Optional<Long> term) {
            super.roleChanged(from, to, term);
            if (to == SchedulerRole.STOPPING) {
              stopping.countDown();
            }
          }
        };
    LeadershipPort grantsOnceStopping =
        new DelegatingLeadership(leadership) {
          @Override
          public Optional<LeaderLease> tryAcquire() {
            grantHeld.countDown();
            try {
              if (!stopping.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                violations.add("shutdown did not begin while the grant was held");
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return super.tryAcquire();
          }
        };
    JobScheduler jobs = jobs(events);
    SchedulerLifecycle lifecycle = lifecycle(grantsOnceStopping, jobs, events);

    Thread starter = new Thread(lifecycle::start);
    starter.start();
    assertThat(grantHeld.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    lifecycle.shutdown();
    starter.join(WAIT.toMillis());

    assertThat(violations).isEmpty();
    assertThat(leadership.leases()).hasSize(1);
    assertThat(leadership.lastLease().releases()).isEqualTo(1);
    assertThat(lockTable.holder()).isNull();
    assertThat(jobs.isScheduling()).isFalse();
    assertThat(lifecycle.role()).isEqualTo(SchedulerRole.STOPPED);
    assertThat(lifecycle.currentLease()).isEmpty();
  }

  /** Runs inside the lease's release, on the shutdown thread. */
  private void whileShutdownReleases() {
    shutdownReleasing.countDown();
    try {
      if (!startReturned.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
        violations.add("start() did not return while shutdown was releasing");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // Whatever the start thread scheduled would run now.
    executor.runDueTasks();
  }

  private SchedulerLifecycle lifecycle() {
    SchedulerEventsPort events =
        new RecordingSchedulerEvents() {
          @Override
          public void leadershipAcquired(long term) {
            grantHeld.countDown();
            try {
              if (!shutdownReleasing.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                violations.add("shutdown did not reach the release while the grant was held");
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        };
    return lifecycle(leadership, jobs(events), events);
  }

  private JobScheduler jobs(SchedulerEventsPort events) {
    return ManualJobSchedulerTest.onOneExecutor(
        new JobDefinition(
            "job", Duration.ofMinutes(1), Duration.ZERO, run -> jobRuns.add(clock.now())),
        runs,
        events,
        clock,
        executor);
  }

  private SchedulerLifecycle lifecycle(
      LeadershipPort leadershipPort, JobScheduler jobs, SchedulerEventsPort events) {
    return new SchedulerLifecycle(
        SchedulerSettings.defaults(new InstanceId("baton-self")),
        leadershipPort,
        jobs,
        runs,
        events,
        clock,
        new LifecycleExecutors(executor, executor, executor, executor, executor));
  }

  /** A leadership port that forwards to another, for overriding one method. */
  private static class DelegatingLeadership implements LeadershipPort {
    private final LeadershipPort delegate;

    DelegatingLeadership(LeadershipPort delegate) {
      this.delegate = delegate;
    }

    @Override
    public boolean supportsElection() {
      return delegate.supportsElection();
    }

    @Override
    public Optional<LeaderLease> tryAcquire() {
      return delegate.tryAcquire();
    }

    @Override
    public Optional<LeaderLease> awaitAcquire(Duration maxWait) throws InterruptedException {
      return delegate.awaitAcquire(maxWait);
    }

    @Override
    public Optional<LeadershipRecord> storedLeadership() {
      return delegate.storedLeadership();
    }
  }
}
