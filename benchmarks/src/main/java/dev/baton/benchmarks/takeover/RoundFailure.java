package dev.baton.benchmarks.takeover;

/** A round could not be measured; its message goes into the report. */
final class RoundFailure extends Exception {
  private static final long serialVersionUID = 1L;

  RoundFailure(String message) {
    super(message);
  }
}
