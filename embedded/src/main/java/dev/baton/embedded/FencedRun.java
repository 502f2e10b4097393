package dev.baton.embedded;

import dev.baton.application.JobTask;
import dev.baton.persistence.FencedTransactions;
import java.time.Instant;

/** A {@link Run} over the scheduler's run context, fenced by the backend's transactions. */
final class FencedRun implements Run {
  private final JobTask.RunContext context;
  private final FencedTransactions fencing;

  FencedRun(JobTask.RunContext context, FencedTransactions fencing) {
    this.context = context;
    this.fencing = fencing;
  }

  @Override
  public long runId() {
    return context.runId();
  }

  @Override
  public String jobName() {
    return context.jobName();
  }

  @Override
  public String instanceId() {
    return context.instanceId();
  }

  @Override
  public long term() {
    return context.term();
  }

  @Override
  public Instant scheduledAt() {
    return context.scheduledAt();
  }

  @Override
  public <T> T inFencedTransaction(FencedWork<T> work) throws Exception {
    return fencing.inFencedTransaction(
        context.term(),
        "writes of " + context.jobName() + " run " + context.runId(),
        handle -> work.apply(handle.getConnection()));
  }

  @Override
  public String toString() {
    return "run " + context.runId() + " of " + context.jobName() + " under term " + context.term();
  }
}
