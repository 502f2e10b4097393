package dev.baton.embedded;

/**
 * The work of a job. It runs only on the leader, one run of a job at a time. Losing the leadership
 * interrupts the thread of a run in flight: long work should check {@link Thread#isInterrupted()}
 * or use interruptible calls and give up promptly.
 */
@FunctionalInterface
public interface Task {

  /**
   * Does one run's work.
   *
   * @throws Exception the run is recorded {@code failed} with the exception's message
   */
  void run(Run run) throws Exception;
}
