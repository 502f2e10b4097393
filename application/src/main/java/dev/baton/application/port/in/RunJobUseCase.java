package dev.baton.application.port.in;

import dev.baton.domain.JobRun;

/** Runs a job now on the leader ({@code POST /v1/jobs/{name}/run}). */
public interface RunJobUseCase {

  /**
   * Runs {@code jobName} as soon as possible (after the run in progress, if any) and waits for it.
   *
   * @return the finished run
   * @throws dev.baton.application.UnknownJobException when no such job is registered
   * @throws dev.baton.application.NotLeaderException when this instance does not lead
   * @throws IllegalStateException when the run could not start (its start was not recorded)
   */
  JobRun runNow(String jobName) throws InterruptedException;
}
