package dev.baton.testsupport.fakes;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A scheduled executor that runs nothing until the test says so, on the test's thread, in due order
 * against a {@link SettableClock}. Submitted tasks are due at once; scheduled ones at their delay.
 * {@link #advanceBy} moves the clock task by task, so a task sees the time it was due at.
 */
public final class ManualScheduledExecutor extends AbstractExecutorService
    implements ScheduledExecutorService {

  private final SettableClock clock;
  private final PriorityQueue<ManualTask<?>> queue =
      new PriorityQueue<>(
          Comparator.<ManualTask<?>, Instant>comparing(task -> task.dueAt)
              .thenComparingLong(task -> task.sequence));
  private final AtomicLong sequence = new AtomicLong();
  private volatile boolean shutdown;

  public ManualScheduledExecutor(SettableClock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Runs every task due now, including tasks that become due now while running. */
  public int runDueTasks() {
    return advanceBy(Duration.ZERO);
  }

  /**
   * Moves the clock forward by {@code duration}, running each task due on the way at its due time.
   * Tasks that move the clock past the target themselves end the walk.
   *
   * @return how many tasks ran
   */
  public int advanceBy(Duration duration) {
    Instant target = clock.now().plus(duration);
    int ran = 0;
    while (true) {
      ManualTask<?> next;
      synchronized (this) {
        next = queue.peek();
        if (next == null || next.dueAt.isAfter(target)) {
          break;
        }
        queue.poll();
      }
      if (next.dueAt.isAfter(clock.now())) {
        clock.set(next.dueAt);
      }
      next.runOnce();
      ran++;
      if (ran > 100_000) {
        throw new IllegalStateException("tasks keep rescheduling themselves at the same instant");
      }
    }
    if (target.isAfter(clock.now())) {
      clock.set(target);
    }
    return ran;
  }

  /** Tasks waiting to run, cancelled ones excluded. */
  public synchronized int pendingTasks() {
    return (int) queue.stream().filter(task -> !task.isCancelled()).count();
  }

  /** When the next pending task is due, if any. */
  public synchronized Instant nextDueAt() {
    return queue.stream()
        .filter(task -> !task.isCancelled())
        .map(task -> task.dueAt)
        .min(Comparator.naturalOrder())
        .orElse(null);
  }

  @Override
  public void execute(Runnable command) {
    enqueue(new ManualTask<Void>(Executors.callable(command, null), Duration.ZERO, null, false));
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    return enqueue(
        new ManualTask<Void>(
            Executors.callable(command, null), Duration.ofNanos(unit.toNanos(delay)), null, false));
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    return enqueue(new ManualTask<>(callable, Duration.ofNanos(unit.toNanos(delay)), null, false));
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(
      Runnable command, long initialDelay, long period, TimeUnit unit) {
    return periodic(command, initialDelay, period, unit, true);
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(
      Runnable command, long initialDelay, long delay, TimeUnit unit) {
    return periodic(command, initialDelay, delay, unit, false);
  }

  private ScheduledFuture<?> periodic(
      Runnable command, long initialDelay, long period, TimeUnit unit, boolean fixedRate) {
    return enqueue(
        new ManualTask<Void>(
            Executors.callable(command, null),
            Duration.ofNanos(unit.toNanos(initialDelay)),
            Duration.ofNanos(unit.toNanos(period)),
            fixedRate));
  }

  private <V> ManualTask<V> enqueue(ManualTask<V> task) {
    if (shutdown) {
      throw new RejectedExecutionException("executor is shut down");
    }
    synchronized (this) {
      queue.add(task);
    }
    return task;
  }

  @Override
  public void shutdown() {
    shutdown = true;
  }

  @Override
  public synchronized List<Runnable> shutdownNow() {
    shutdown = true;
    List<Runnable> pending = new ArrayList<>(queue);
    queue.clear();
    return pending;
  }

  @Override
  public boolean isShutdown() {
    return shutdown;
  }

  @Override
  public synchronized boolean isTerminated() {
    return shutdown && queue.isEmpty();
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return isTerminated();
  }

  @Override
  public <T> List<java.util.concurrent.Future<T>> invokeAll(
      Collection<? extends Callable<T>> tasks) {
    throw new UnsupportedOperationException("invokeAll would block the test thread");
  }

  private final class ManualTask<V> extends FutureTask<V> implements ScheduledFuture<V> {
    private final long sequence = ManualScheduledExecutor.this.sequence.incrementAndGet();
    private final Duration period;
    private final boolean fixedRate;
    private Instant dueAt;

    ManualTask(Callable<V> callable, Duration delay, Duration period, boolean fixedRate) {
      super(callable);
      this.dueAt = clock.now().plus(delay);
      this.period = period;
      this.fixedRate = fixedRate;
    }

    void runOnce() {
      if (period == null) {
        run();
        return;
      }
      if (runAndReset() && !shutdown) {
        dueAt = (fixedRate ? dueAt : clock.now()).plus(period);
        synchronized (ManualScheduledExecutor.this) {
          queue.add(this);
        }
      }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      boolean cancelled = super.cancel(mayInterruptIfRunning);
      synchronized (ManualScheduledExecutor.this) {
        queue.remove(this);
      }
      return cancelled;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(Duration.between(clock.now(), dueAt));
    }

    @Override
    public int compareTo(Delayed other) {
      return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
    }
  }
}
