package dev.baton.application;

import dev.baton.domain.InstanceId;
import dev.baton.testsupport.fakes.InMemoryJobRuns;
import dev.baton.testsupport.fakes.InMemoryLeadership;
import dev.baton.testsupport.fakes.ManualScheduledExecutor;
import dev.baton.testsupport.fakes.RecordingSchedulerEvents;
import dev.baton.testsupport.fakes.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * What the tests of the services around one instance's lifecycle share: {@code baton-self} with a
 * probe job, its leadership in an in-memory lock table, every task on one manually driven executor.
 */
abstract class ManualLifecycleTest {
  static final String SELF = "baton-self";

  final SettableClock clock = SettableClock.atEpochDay();
  final Instant start = clock.now();
  final ManualScheduledExecutor executor = new ManualScheduledExecutor(clock);
  final InMemoryLeadership.LockTable lockTable = new InMemoryLeadership.LockTable();
  final InMemoryLeadership leadership = new InMemoryLeadership(SELF, lockTable, clock);
  final InMemoryJobRuns runs = new InMemoryJobRuns(clock, lockTable::term);

  /** A scheduler of a probe job every {@code interval}, its runs on {@code workers}. */
  JobScheduler probeEvery(Duration interval, ExecutorService workers) {
    return new JobScheduler(
        List.of(ProbeJob.every(interval)),
        runs,
        new RecordingSchedulerEvents(),
        clock,
        executor,
        workers,
        Jitter.none());
  }

  SchedulerLifecycle lifecycle(JobScheduler jobs) {
    return new SchedulerLifecycle(
        SchedulerSettings.defaults(new InstanceId(SELF)),
        leadership,
        jobs,
        runs,
        new RecordingSchedulerEvents(),
        clock,
        new LifecycleExecutors(executor, executor, executor, executor, executor));
  }
}
