package dev.baton.domain;

/** What became of one job run; stored lowercase in {@code baton_job_run.outcome}. */
public enum JobRunOutcome {
  RUNNING,
  SUCCEEDED,
  FAILED,
  CANCELLED,
  /** Never finished under its term; marked by a later leader. */
  ABANDONED;

  public String wireName() {
    return WireEnum.wireName(this);
  }

  public static JobRunOutcome fromWire(String wire) {
    return WireEnum.fromWire(JobRunOutcome.class, wire);
  }

  public boolean isFinished() {
    return this != RUNNING;
  }
}
