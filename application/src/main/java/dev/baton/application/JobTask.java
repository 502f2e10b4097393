package dev.baton.application;

import dev.baton.domain.RunTrigger;
import java.time.Instant;

/** The work of one job run. It runs only while this instance leads. */
@FunctionalInterface
public interface JobTask {

  /**
   * Does one run's work. Leadership loss interrupts the running thread: long work should check
   * {@link Thread#isInterrupted()} or use interruptible calls and give up promptly.
   *
   * @param run the run being executed (its term fences every write the task makes)
   * @throws Exception the run is recorded {@code failed} with the exception's message
   */
  void run(RunContext run) throws Exception;

  /**
   * Asked before each scheduled run is recorded: false skips the slot without a {@code
   * baton_job_run} row, for a job that wakes often and mostly finds nothing to do. A run asked for
   * runs whatever this says.
   */
  default boolean hasWork() {
    return true;
  }

  /**
   * What a task knows of the run it executes.
   *
   * @param scheduledAt the slot a scheduled run stands for, or when a requested run was started
   * @param trigger why the run started: a {@link RunTrigger#WOKEN woken} run does only the work it
   *     woke for (see {@link WakeableTask})
   */
  record RunContext(
      long runId,
      String jobName,
      String instanceId,
      long term,
      Instant scheduledAt,
      RunTrigger trigger) {

    /** A run on the job's schedule. */
    public RunContext(
        long runId, String jobName, String instanceId, long term, Instant scheduledAt) {
      this(runId, jobName, instanceId, term, scheduledAt, RunTrigger.SCHEDULED);
    }
  }
}
