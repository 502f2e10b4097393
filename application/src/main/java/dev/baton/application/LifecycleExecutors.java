package dev.baton.application;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads of the lifecycle, owned by it and stopped by its shutdown. Tests pass manually driven
 * executors.
 *
 * @param timer heartbeats, heartbeat timeouts and job triggers; its tasks never block, so that a
 *     leader cut off from the database notices within the heartbeat timeout
 * @param acquisition the background acquisition loop, whose attempts may block for a wait slice
 * @param leaseCheck the lease checks, kept apart so a hung check cannot stall the timer
 * @param jobWorkers the job runs
 * @param housekeeping periodic database work that may block as long as the database does (the
 *     instance registration), kept off the timer for the same reason
 */
public record LifecycleExecutors(
    ScheduledExecutorService timer,
    ScheduledExecutorService acquisition,
    ExecutorService leaseCheck,
    ExecutorService jobWorkers,
    ScheduledExecutorService housekeeping) {

  public LifecycleExecutors {
    Objects.requireNonNull(timer, "timer");
    Objects.requireNonNull(acquisition, "acquisition");
    Objects.requireNonNull(leaseCheck, "leaseCheck");
    Objects.requireNonNull(jobWorkers, "jobWorkers");
    Objects.requireNonNull(housekeeping, "housekeeping");
  }

  /**
   * The production threads, named {@code baton-timer-1}, {@code baton-acquire-1}, … and daemon: the
   * shutdown sequence stops them explicitly. Runs of different jobs may overlap each other (never a
   * job with itself), so the job workers grow as needed.
   */
  public static LifecycleExecutors named() {
    return new LifecycleExecutors(
        Executors.newSingleThreadScheduledExecutor(daemon("baton-timer")),
        Executors.newSingleThreadScheduledExecutor(daemon("baton-acquire")),
        Executors.newSingleThreadExecutor(daemon("baton-lease-check")),
        Executors.newCachedThreadPool(daemon("baton-job")),
        Executors.newSingleThreadScheduledExecutor(daemon("baton-housekeeping")));
  }

  private static ThreadFactory daemon(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Interrupts everything still running and waits up to {@code timeout} in all. */
  boolean shutdownNow(Duration timeout) throws InterruptedException {
    List<ExecutorService> all = List.of(timer, acquisition, leaseCheck, jobWorkers, housekeeping);
    all.forEach(ExecutorService::shutdownNow);
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean terminated = true;
    for (ExecutorService executor : all) {
      long remaining = Math.max(0, deadline - System.nanoTime());
      terminated &= executor.awaitTermination(remaining, TimeUnit.NANOSECONDS);
    }
    return terminated;
  }
}
