package dev.baton.application.port.in;

/** Gives the leadership up cleanly ({@code POST /v1/scheduler/step-down}). */
public interface StepDownUseCase {

  /**
   * Drains the runs in flight, releases the leadership, and keeps this instance from leading again
   * for the step-down cool-down.
   *
   * @throws dev.baton.application.NotLeaderException when this instance does not lead
   */
  void stepDown() throws InterruptedException;
}
