package dev.baton.bootstrap;

import dev.baton.application.LifecycleExecutors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** The lifecycle's named threads. Daemon threads: the shutdown sequence stops them explicitly. */
final class SchedulerThreads {
  private SchedulerThreads() {}

  static LifecycleExecutors create() {
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(named("baton-timer"));
    ScheduledExecutorService acquisition =
        Executors.newSingleThreadScheduledExecutor(named("baton-acquire"));
    ExecutorService leaseCheck = Executors.newSingleThreadExecutor(named("baton-lease-check"));
    // Runs of different jobs may overlap each other (never a job with itself).
    ExecutorService jobWorkers = Executors.newCachedThreadPool(named("baton-job"));
    ScheduledExecutorService housekeeping =
        Executors.newSingleThreadScheduledExecutor(named("baton-housekeeping"));
    return new LifecycleExecutors(timer, acquisition, leaseCheck, jobWorkers, housekeeping);
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
