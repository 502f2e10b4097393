package dev.baton.application.port.in;

import dev.baton.domain.JobRun;

/** Runs a job now ({@code POST /v1/jobs/{name}/run}), on any instance. */
public interface RunJobUseCase {

  /**
   * What became of the request: on the leader, the finished run; on another instance, the request
   * stored for the leader, which starts it within a second.
   *
   * @param run the finished run, or null when the request was stored for the leader
   * @param leaderInstanceId the leader as far as this instance knows, or null
   */
  record RunNow(JobRun run, String leaderInstanceId) {
    public boolean finished() {
      return run != null;
    }
  }

  /**
   * Runs {@code jobName} as soon as possible, paused or not (after the run in progress, if any): on
   * the leader it waits for the run; elsewhere it stores the request and returns at once.
   *
   * @throws dev.baton.application.UnknownJobException when no such job is registered
   * @throws IllegalStateException when the run could not start (its start was not recorded)
   */
  RunNow runNow(String jobName) throws InterruptedException;
}
