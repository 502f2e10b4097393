package dev.baton.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.domain.InstanceId;
import dev.baton.domain.JobRun;
import dev.baton.domain.JobRunOutcome;
import dev.baton.domain.LossReason;
import dev.baton.domain.SchedulerRole;
import dev.baton.testsupport.fakes.InMemoryJobRuns;
import dev.baton.testsupport.fakes.InMemoryLeadership;
import dev.baton.testsupport.fakes.ManualScheduledExecutor;
import dev.baton.testsupport.fakes.RecordingSchedulerEvents;
import dev.baton.testsupport.fakes.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SchedulerLifecycleTest {
  private static final String SELF = "baton-self";
  private static final Duration JOB_INTERVAL = Duration.ofSeconds(60);

  private final SettableClock clock = SettableClock.atEpochDay();
  private final Instant start = clock.now();
  private final ManualScheduledExecutor executor = new ManualScheduledExecutor(clock);
  private final ManualScheduledExecutor leaseChecks = new ManualScheduledExecutor(clock);
  private final InMemoryLeadership.LockTable lockTable = new InMemoryLeadership.LockTable();
  private final InMemoryLeadership leadership = new InMemoryLeadership(SELF, lockTable, clock);
  private final InMemoryJobRuns runs = new InMemoryJobRuns(clock, lockTable::term);
  private final RecordingSchedulerEvents events = new RecordingSchedulerEvents();
  private final List<Instant> jobRuns = new ArrayList<>();
  private final List<ExecutorService> realPools = new ArrayList<>();

  private SchedulerSettings settings = SchedulerSettings.defaults(new InstanceId(SELF));
  private JobTask task = run -> jobRuns.add(clock.now());
  private List<JobDefinition> jobDefinitions;

  @AfterEach
  void stopRealThreads() {
    realPools.forEach(ExecutorService::shutdownNow);
  }

  private SchedulerLifecycle lifecycle() {
    return lifecycle(executor);
  }

  private SchedulerLifecycle lifecycle(ExecutorService jobWorkers) {
    JobScheduler jobs =
        new JobScheduler(
            jobDefinitions != null
                ? jobDefinitions
                : List.of(new JobDefinition("job", JOB_INTERVAL, Duration.ZERO, task)),
            runs,
            events,
            clock,
            executor,
            jobWorkers,
            Jitter.none());
    return new SchedulerLifecycle(
        settings,
        leadership,
        jobs,
        runs,
        events,
        clock,
        new LifecycleExecutors(executor, executor, leaseChecks, jobWorkers, executor));
  }

  private ExecutorService realWorkers() {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    realPools.add(pool);
    return pool;
  }

  /** A lifecycle that leads, with a run in flight on a real thread until it is interrupted. */
  private SchedulerLifecycle leadingWithARunUntilInterrupted() throws InterruptedException {
    CountDownLatch running = new CountDownLatch(1);
    task =
        run -> {
          running.countDown();
          new CountDownLatch(1).await(); // until interrupted
        };
    SchedulerLifecycle lifecycle = lifecycle(realWorkers());
    lifecycle.start();
    executor.runDueTasks();
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
    return lifecycle;
  }

  /** Runs heartbeats and lease checks for {@code duration}, a tick at a time. */
  private void advanceWithChecks(Duration duration) {
    Instant target = clock.now().plus(duration);
    while (clock.now().isBefore(target)) {
      executor.advanceBy(Duration.ofMillis(100));
      leaseChecks.runDueTasks();
      executor.runDueTasks();
    }
  }

  // --- start, phase 1 ---------------------------------------------------------------------------

  @Test
  void withoutAnyJobStartLogsAndReturnsWithoutTryingTheLock() {
    jobDefinitions = List.of();
    SchedulerLifecycle lifecycle = lifecycle();

    lifecycle.start();

    assertThat(lifecycle.role()).isEqualTo(SchedulerRole.DISABLED);
    assertThat(events.events()).containsExactly("role STOPPED -> DISABLED");
    assertThat(executor.pendingTasks()).isZero();
  }

  @Test
  void startLeadsAtOnceWhenTheLockIsFreeAndRunsTheJobs() {
    SchedulerLifecycle lifecycle = lifecycle();

    lifecycle.start();
    executor.runDueTasks();

    assertThat(lifecycle.role()).isEqualTo(SchedulerRole.LEADER);
    assertThat(lifecycle.currentLease()).get().extracting(lease -> lease.term()).isEqualTo(1L);
    assertThat(events.events())
        .startsWith(
            "role STOPPED -> ACQUIRING", "lock acquired", "role ACQUIRING -> LEADER", "acquired 1");
    assertThat(jobRuns).containsExactly(start);
  }

  @Test
  void startingAnInstanceThatAlreadyLeadsChangesNothing() {
    SchedulerLifecycle lifecycle = lifecycle();
    lifecycle.start();

    lifecycle.start();

    assertThat(leadership.leases()).hasSize(1);
    assertThat(lifecycle.role()).isEqualTo(SchedulerRole.LEADER);
  }

  @Test
  void aBackendWithoutElectionStillLeads() {
    leadership.setSupportsElection(false);
    SchedulerLifecycle lifecycle = lifecycle();

    lifecycle.start();

    assertThat(lifecycle.role()).isEqualTo(SchedulerRole.LEADER);
  }

  @Test
  void jobsOfANewLeaderWaitForTheTakeoverGrace() {
    leadership.setTakeoverGrace(Duration.ofSeconds(4));
    SchedulerLifecycle lifecycle = lifecycle();

    lifecycle.start();
    advanceWithChecks(Duration.ofMillis(3900));
    assertThat(jobRuns).isEmpty();
    advanceWithChecks(Duration.ofMillis(100));

    assertThat(jobRuns).containsExactly(start.plusSeconds(4));
  }

  @Test
  void aNewLeaderMarksUnfinishedRunsOfEarlierTermsAbandoned() {
    lockTable.takenBy("baton-old", start);
    JobRun orphan =
        runs.insert(
            new JobRun(0, "job", "baton-old", 1, start, start, null, JobRunOutcome.RUNNING, null));
    lockTable.vacate();
    SchedulerLifecycle lifecycle = lifecycle();

    lifecycle.start();

    assertThat(runs.findRun(orphan.id()))
        .get()
        .extracting(JobRun::outcome)
        .isEqualTo(JobRunOutcome.ABANDONED);
  }

  // --- start, phase 2: the background loop ------------------------------------------------------

  @Test
  void whenTheLockIsHeldElsewhereStartFollowsAndStartsOneBackgroundLoop() {
    lockTable.takenBy("baton-other", start);
    SchedulerLifecycle lifecycle = lifecycle();

    lifecycle.start();
    lifecycle.start();

    assertThat(lifecycle.role()).isEqualTo(SchedulerRole.FOLLOWER);
    assertThat(executor.pendingTasks()).isEqualTo(1);
    assertThat(jobRuns).isEmpty();
  }

  @Test
  void aWaitingFollowerTakesOverAsSoonAsTheHolderLetsGo() {
    lockTable.takenBy("baton-other", start);
    SchedulerLifecycle lifecycle = lifecycle();
    lifecycle.start();
    executor.runDueTasks();
    assertThat(lifecycle.role()).isEqualTo(SchedulerRole.FOLLOWER);

    lockTable.vacate();
    Instant vacatedAt = clock.now();
    executor.runDueTasks();

    assertThat(lifecycle.role()).isEqualTo(SchedulerRole.LEADER);
    assertThat(lifecycle.currentLease().orElseThrow().acquiredAt()).isEqualTo(vacatedAt);
    assertThat(lifecycle.currentLease().orElseThrow().term()).isEqualTo(2);
  }

  @Test
  void inPollModeTheFollowerRetriesEveryPollInterval() {
    settings = settings.withAcquireMode(AcquireMode.POLL);
    lockTable.takenBy("baton-other", start);
    SchedulerLifecycle lifecycle = lifecycle();
    lifecycle.start();

    executor.advanceBy(Duration.ofSeconds(479));
    assertThat(events.count("lock ")).isEqualTo(1);
    executor.advanceBy(Duration.ofSeconds(1));
    assertThat(events.count("lock ")).isEqualTo(2);
    lockTable.vacate();
    executor.advanceBy(Duration.ofSeconds(479));
    assertThat(lifecycle.role()).isEqualTo(SchedulerRole.FOLLOWER);
    executor.advanceBy(Duration.ofSeconds(1));

    assertThat(lifecycle.role()).isEqualTo(SchedulerRole.LEADER);
  }

  @Test
  void inPollModeACleanReleaseWakesTheFollowerBeforeItsNextPoll() {
    settings = settings.withAcquireMode(AcquireMode.POLL);
    lockTable.takenBy("baton-other", start);
    SchedulerLifecycle lifecycle = lifecycle();
    lifecycle.start();
    executor.advanceBy(Duration.ofSeconds(10));
    assertThat(lifecycle.role()).isEqualTo(SchedulerRole.FOLLOWER);

    lockTable.releaseCleanly(clock.now());
    executor.runDueTasks();

    assertThat(lifecycle.role()).isEqualTo(SchedulerRole.LEADER);
    assertThat(clock.now()).isEqualTo(start.plusSeconds(10));
  }

  @Test
  void anUnreachableDatabaseKeepsTheLoopAcquiringWithBackoffCappedAtOneSecond() {
    leadership.failNextAttempts(8);
    SchedulerLifecycle lifecycle = lifecycle();

    lifecycle.start();
    List<Long> delays = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      assertThat(lifecycle.role()).isEqualTo(SchedulerRole.ACQUIRING);
      Instant before = clock.now();
      Instant next = executor.nextDueAt();
      delays.add(Duration.between(before, next).toMillis());
      executor.advanceBy(Duration.between(before, next));
    }
    executor.advanceBy(Duration.ofSeconds(1));

    assertThat(delays).containsExactly(50L, 100L, 200L, 400L, 800L, 1000L, 1000L);
    assertThat(events.count("lock error")).isEqualTo(8);
    assertThat(lifecycle.role()).isEqualTo(SchedulerRole.LEADER);
  }

  @Test
  void aLeaderWhoseStartupFailsReleasesTheLeaseAndTriesAgain() {
    runs.failNextAbandonSweeps(1);
    SchedulerLifecycle lifecycle = lifecycle();

    lifecycle.start();
    assertThat(lifecycle.role()).isEqualTo(SchedulerRole.ACQUIRING);
    assertThat(leadership.lastLease().releases()).isEqualTo(1);
    executor.advanceBy(Duration.ofMillis(50));

    assertThat(lifecycle.role()).isEqualTo(SchedulerRole.LEADER);
    assertThat(lifecycle.currentLease().orElseThrow().term()).isEqualTo(2);
  }

  // --- watching the lease -----------------------------------------------------------------------

  @Test
  void theLeaderChecksItsLeaseEveryHeartbeat() {
    SchedulerLifecycle lifecycle = lifecycle();
    lifecycle.start();

    advanceWithChecks(Duration.ofSeconds(3));

    assertThat(leadership.lastLease().checks()).isEqualTo(3);
    assertThat(lifecycle.role()).isEqualTo(SchedulerRole.LEADER);
  }

  @Test
  void aLostLeaseStopsTheJobsAndSendsTheInstanceBackToAcquiring() {
    SchedulerLifecycle lifecycle = lifecycle();
    lifecycle.start();
    executor.runDueTasks();
    InMemoryLeadership.Lease first = leadership.lastLease();

    first.lose(LossReason.SESSION_LOST, "connection reset");
    lockTable.takenBy("baton-other", clock.now());
    advanceWithChecks(Duration.ofSeconds(1));

    assertThat(lifecycle.role()).isEqualTo(SchedulerRole.FOLLOWER);
    assertThat(events.events()).contains("lost 1 session_lost");
    assertThat(first.abandons()).isEqualTo(1);
    executor.advanceBy(JOB_INTERVAL.multipliedBy(3));
    assertThat(jobRuns).containsExactly(start);
  }

  @Test
  void aLeaseCheckWithoutAnswerWithinTheHeartbeatTimeoutStopsTheJobs() {
    SchedulerLifecycle lifecycle = lifecycle();
    lifecycle.start();
    InMemoryLeadership.Lease first = leadership.lastLease();

    executor.advanceBy(Duration.ofMillis(1000 + 1999)); // lease checks never answer
    assertThat(lifecycle.currentLease()).containsSame(first);
    executor.advanceBy(Duration.ofMillis(1));

    assertThat(events.events()).contains("lost 1 heartbeat_timeout");
    assertThat(first.abandons()).isEqualTo(1);
    assertThat(lifecycle.currentLease().orElseThrow().term()).isEqualTo(2);
  }

  @Test
  void losingTheLeaseInterruptsARunInFlight() throws Exception {
    SchedulerLifecycle lifecycle = leadingWithARunUntilInterrupted();

    leadership.lastLease().lose(LossReason.LOCK_NOT_HELD, "lock gone");
    lockTable.takenBy("baton-other", clock.now());
    advanceWithChecks(Duration.ofSeconds(1));

    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> runs.runsOf("job").get(0).outcome() == JobRunOutcome.CANCELLED);
    assertThat(events.events()).contains("run job cancelled");
  }

  @Test
  void aFencedOutRunMakesTheInstanceGiveUpTheLeadership() {
    SchedulerLifecycle lifecycle = lifecycle();
    lifecycle.start();
    executor.runDueTasks();
    lockTable.advanceTerm(); // written by a leader this instance cannot see
    lockTable.waitingFor("baton-other");

    advanceWithChecks(JOB_INTERVAL);

    assertThat(jobRuns).containsExactly(start);
    assertThat(events.events()).contains("fenced job_run start", "lost 1 fenced_out");
    assertThat(lifecycle.role()).isNotEqualTo(SchedulerRole.LEADER);
    assertThat(leadership.leases().get(0).fencedOuts()).isEqualTo(1);
  }

  @Test
  void aRunAskedForOnAnotherInstanceRunsOnTheLeaderWithinASecond() {
    SchedulerLifecycle lifecycle = lifecycle();
    lifecycle.start();
    executor.runDueTasks();
    advanceWithChecks(Duration.ofSeconds(5));
    Instant askedAt = clock.now();

    runs.requestRun("job", askedAt);
    advanceWithChecks(Duration.ofSeconds(1));

    assertThat(jobRuns).containsExactly(start, askedAt.plusSeconds(1));
    assertThat(runs.scheduledJob("job").runRequestedAt()).isNull();
  }

  @Test
  void aFollowerLeavesRunRequestsToTheLeader() {
    lockTable.takenBy("baton-other", start);
    SchedulerLifecycle lifecycle = lifecycle();
    lifecycle.start();
    runs.requestRun("job", start);

    advanceWithChecks(Duration.ofSeconds(3));

    assertThat(jobRuns).isEmpty();
    assertThat(runs.scheduledJob("job").runRequestedAt()).isEqualTo(start);
  }

  // --- step-down --------------------------------------------------------------------------------

  @Test
  void stepDownReleasesCleanlyAndStaysFollowerForTheCooldown() throws Exception {
    SchedulerLifecycle lifecycle = lifecycle();
    lifecycle.start();
    InMemoryLeadership.Lease first = leadership.lastLease();

    lifecycle.stepDown();
    assertThat(lifecycle.role()).isEqualTo(SchedulerRole.FOLLOWER);
    assertThat(first.releases()).isEqualTo(1);
    assertThat(first.stepDowns()).isEqualTo(1);
    executor.advanceBy(Duration.ofSeconds(29));
    assertThat(leadership.leases()).hasSize(1);
    executor.advanceBy(Duration.ofSeconds(1));

    assertThat(lifecycle.role()).isEqualTo(SchedulerRole.LEADER);
    assertThat(lifecycle.currentLease().orElseThrow().term()).isEqualTo(2);
  }

  @Test
  void stepDownOnAFollowerIsRefusedNamingTheLeader() {
    lockTable.takenBy("baton-other", start);
    SchedulerLifecycle lifecycle = lifecycle();
    lifecycle.start();

    assertThatThrownBy(lifecycle::stepDown)
        .isInstanceOfSatisfying(
            NotLeaderException.class,
            e -> assertThat(e.leaderInstanceId()).isEqualTo("baton-other"));
  }

  // --- shutdown ---------------------------------------------------------------------------------

  @Test
  void shutdownBeforeStartIsSafeAndIdempotent() {
    SchedulerLifecycle lifecycle = lifecycle();

    lifecycle.shutdown();
    lifecycle.shutdown();

    assertThat(lifecycle.role()).isEqualTo(SchedulerRole.STOPPED);
    lifecycle.start();
    assertThat(lifecycle.role()).isEqualTo(SchedulerRole.STOPPED);
  }

  @Test
  void leaderShutdownWaitsForTheRunInFlightThenReleasesCleanly() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    List<String> order = new ArrayList<>();
    task =
        run -> {
          running.countDown();
          finish.await();
          synchronized (order) {
            order.add("run finished");
          }
        };
    SchedulerLifecycle lifecycle = lifecycle(realWorkers());
    lifecycle.start();
    executor.runDueTasks();
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
    InMemoryLeadership.Lease lease = leadership.lastLease();

    Thread stopper = new Thread(lifecycle::shutdown);
    stopper.start();
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> lifecycle.role() == SchedulerRole.STOPPING);
    assertThat(lease.releases()).isZero();
    finish.countDown();
    stopper.join(10_000);

    assertThat(order).containsExactly("run finished");
    assertThat(runs.runsOf("job").get(0).outcome()).isEqualTo(JobRunOutcome.SUCCEEDED);
    assertThat(lease.releases()).isEqualTo(1);
    assertThat(lease.stepDowns()).as("a shutdown is a release, not a step-down").isZero();
    assertThat(lockTable.holder()).isNull();
    assertThat(lifecycle.role()).isEqualTo(SchedulerRole.STOPPED);
  }

  @Test
  void leaderShutdownInterruptsRunsStillInFlightAfterTheDrainTimeout() throws Exception {
    settings = settings.withDrainTimeout(Duration.ofMillis(100));
    SchedulerLifecycle lifecycle = leadingWithARunUntilInterrupted();

    lifecycle.shutdown();

    assertThat(runs.runsOf("job").get(0).outcome()).isEqualTo(JobRunOutcome.CANCELLED);
    assertThat(leadership.lastLease().releases()).isEqualTo(1);
    assertThat(lifecycle.role()).isEqualTo(SchedulerRole.STOPPED);
  }

  @Test
  void aFailedReleaseStillEndsTheShutdown() {
    SchedulerLifecycle lifecycle = lifecycle();
    lifecycle.start();
    leadership.failReleasesWith(new IllegalStateException("connection closed"));

    lifecycle.shutdown();

    assertThat(lifecycle.role()).isEqualTo(SchedulerRole.STOPPED);
    assertThat(executor.isShutdown()).isTrue();
  }

  @Test
  void followerShutdownCancelsTheBackgroundLoopAndReleasesNothing() {
    lockTable.takenBy("baton-other", start);
    SchedulerLifecycle lifecycle = lifecycle();
    lifecycle.start();

    lifecycle.shutdown();
    lockTable.vacate();
    executor.advanceBy(Duration.ofSeconds(10));

    assertThat(lifecycle.role()).isEqualTo(SchedulerRole.STOPPED);
    assertThat(leadership.leases()).isEmpty();
    assertThat(executor.pendingTasks()).isZero();
  }

  @Test
  void forcedShutdownInterruptsARunThatOutlivedItsLeadership() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch firstInterrupt = new CountDownLatch(1);
    task =
        run -> {
          running.countDown();
          try {
            new CountDownLatch(1).await();
          } catch (InterruptedException ignoredOnce) {
            firstInterrupt.countDown(); // a run that does not stop when asked the first time
          }
          new CountDownLatch(1).await();
        };
    SchedulerLifecycle lifecycle = lifecycle(realWorkers());
    lifecycle.start();
    executor.runDueTasks();
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
    leadership.lastLease().lose(LossReason.SESSION_LOST, "killed");
    lockTable.takenBy("baton-other", clock.now());
    advanceWithChecks(Duration.ofSeconds(1));
    assertThat(firstInterrupt.await(10, TimeUnit.SECONDS)).isTrue();

    lifecycle.shutdown();

    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> runs.runsOf("job").get(0).outcome() == JobRunOutcome.CANCELLED);
    assertThat(lifecycle.role()).isEqualTo(SchedulerRole.STOPPED);
  }

  @Test
  void concurrentShutdownsReleaseOnceAndBothReturnStopped() throws Exception {
    SchedulerLifecycle lifecycle = lifecycle();
    lifecycle.start();
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Thread thread =
          new Thread(
              () -> {
                try {
                  go.await();
                } catch (InterruptedException e) {
                  return;
                }
                lifecycle.shutdown();
                assertThat(lifecycle.role()).isEqualTo(SchedulerRole.STOPPED);
              });
      thread.start();
      threads.add(thread);
    }

    go.countDown();
    for (Thread thread : threads) {
      thread.join(10_000);
    }

    assertThat(leadership.lastLease().releases()).isEqualTo(1);
    assertThat(lifecycle.role()).isEqualTo(SchedulerRole.STOPPED);
  }
}
