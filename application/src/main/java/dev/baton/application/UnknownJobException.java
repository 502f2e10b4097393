package dev.baton.application;

/** No job of that name is registered. */
public class UnknownJobException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UnknownJobException(String jobName) {
    super("no job named '" + jobName + "'");
  }
}
