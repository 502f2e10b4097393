package dev.baton.application.port.in;

/**
 * Holds back or lets go a job's scheduled runs ({@code POST /v1/jobs/{name}/pause} and {@code
 * /resume}), on any instance: the flag is stored, and the leader reads it when a run starts. A run
 * in progress finishes; a run asked for still runs.
 */
public interface PauseJobUseCase {

  /**
   * Stores whether the job's scheduled runs are held back.
   *
   * @return the job as it is now
   * @throws dev.baton.application.UnknownJobException when no such job is registered
   */
  JobDetails setPaused(String jobName, boolean paused);

  default JobDetails pause(String jobName) {
    return setPaused(jobName, true);
  }

  default JobDetails resume(String jobName) {
    return setPaused(jobName, false);
  }
}
