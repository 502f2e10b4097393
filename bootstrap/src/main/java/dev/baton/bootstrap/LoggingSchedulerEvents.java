package dev.baton.bootstrap;

import dev.baton.domain.JobRunOutcome;
import dev.baton.domain.LockAttemptResult;
import dev.baton.domain.LossReason;
import dev.baton.domain.port.SchedulerEventsPort;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scheduler events as DEBUG log lines (logger {@code dev.baton.events}); the lifecycle itself logs
 * every transition at INFO.
 */
final class LoggingSchedulerEvents implements SchedulerEventsPort {
  private static final Logger log = LoggerFactory.getLogger("dev.baton.events");

  @Override
  public void lockAttempted(LockAttemptResult result) {
    log.debug("lock attempt: {}", result.wireName());
  }

  @Override
  public void leadershipAcquired(long term) {
    log.debug("leadership acquired: term {}", term);
  }

  @Override
  public void leadershipLost(long term, LossReason reason) {
    log.debug("leadership lost: term {}, reason {}", term, reason.wireName());
  }

  @Override
  public void fencedWriteRejected(String operation) {
    log.debug("fenced write rejected: {}", operation);
  }

  @Override
  public void jobRunFinished(String jobName, JobRunOutcome outcome, Duration duration) {
    log.debug("run of {} {} in {} ms", jobName, outcome.wireName(), duration.toMillis());
  }
}
