package dev.baton.benchmarks.polling;

import dev.baton.domain.JobRunOutcome;
import dev.baton.domain.LockAttemptResult;
import dev.baton.domain.LossReason;
import dev.baton.domain.PollCycleSummary;
import dev.baton.domain.port.SchedulerEventsPort;
import java.time.Duration;
import java.util.Optional;

/** Keeps the job's own summary of its last cycle, to check that every batch was polled. */
final class CycleEvents implements SchedulerEventsPort {
  private volatile PollCycleSummary last;

  Optional<PollCycleSummary> last() {
    return Optional.ofNullable(last);
  }

  @Override
  public void pollCycleCompleted(PollCycleSummary summary) {
    last = summary;
  }

  @Override
  public void lockAttempted(LockAttemptResult result) {}

  @Override
  public void leadershipAcquired(long term) {}

  @Override
  public void leadershipLost(long term, LossReason reason) {}

  @Override
  public void fencedWriteRejected(String operation) {}

  @Override
  public void jobRunFinished(String jobName, JobRunOutcome outcome, Duration duration) {}
}
