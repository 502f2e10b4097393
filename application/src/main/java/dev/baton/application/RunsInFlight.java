package dev.baton.application;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runs in flight of the {@link JobScheduler}: how many there are, to wait until none is, and
 * the threads whose tasks still run, to interrupt them when the leadership ends. A thread leaves
 * the set as soon as its task ends, so that an interrupt never reaches the recording of its end.
 */
final class RunsInFlight {
  private static final Logger log = LoggerFactory.getLogger(JobScheduler.class);

  private int count; // guarded by this
  private final Set<Thread> tasks = new HashSet<>(); // guarded by this

  synchronized void started() {
    count++;
  }

  /** The calling thread runs a task from now until {@link #taskEnded}. */
  synchronized void taskStarted() {
    tasks.add(Thread.currentThread());
  }

  synchronized void taskEnded() {
    tasks.remove(Thread.currentThread());
  }

  synchronized void ended() {
    count--;
    notifyAll();
  }

  synchronized boolean any() {
    return count > 0;
  }

  /** Interrupts the threads of tasks that still run; their runs are recorded {@code cancelled}. */
  synchronized void interruptAll() {
    tasks.forEach(Thread::interrupt);
  }

  /**
   * Lets the runs in flight finish for {@code drainTimeout}; interrupts what is left and waits
   * {@code afterInterrupt} more.
   *
   * @return false when runs were still in flight at the end
   */
  boolean drain(Duration drainTimeout, Duration afterInterrupt) throws InterruptedException {
    if (awaitNone(drainTimeout)) {
      return true;
    }
    log.warn("Runs still in flight after the drain timeout of {}; interrupting them", drainTimeout);
    interruptAll();
    if (awaitNone(afterInterrupt)) {
      return true;
    }
    log.warn("Interrupted runs did not end within {}", afterInterrupt);
    return false;
  }

  /**
   * Waits until no run is in flight.
   *
   * @return false when runs were still in flight after {@code timeout}
   */
  synchronized boolean awaitNone(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (count > 0) {
      long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (remainingMillis <= 0) {
        return false;
      }
      wait(remainingMillis);
    }
    return true;
  }
}
