package dev.baton.domain.port;

import dev.baton.domain.JobRunOutcome;
import dev.baton.domain.LlmProvider;
import dev.baton.domain.LockAttemptResult;
import dev.baton.domain.LossReason;
import dev.baton.domain.PollCycleSummary;
import dev.baton.domain.ProviderWebhookOutcome;
import dev.baton.domain.SchedulerRole;
import dev.baton.domain.WebhookAttemptOutcome;
import java.time.Duration;
import java.util.Optional;

/**
 * What happens in the scheduler, for metrics. Implementations must be fast and must not throw.
 * Every method does nothing unless overridden, so a listener names only the events it wants.
 */
public interface SchedulerEventsPort {

  /**
   * The role this instance reports changed; called under the scheduler's state lock, in order, once
   * per change. The term is the one just taken or just left, if any.
   */
  default void roleChanged(SchedulerRole from, SchedulerRole to, Optional<Long> term) {}

  default void lockAttempted(LockAttemptResult result) {}

  default void leadershipAcquired(long term) {}

  default void leadershipLost(long term, LossReason reason) {}

  /** A leader-side write was rejected because a newer term exists. */
  default void fencedWriteRejected(String operation) {}

  default void jobRunFinished(String jobName, JobRunOutcome outcome, Duration duration) {}

  /** One run of the batch polling job ended. */
  default void pollCycleCompleted(PollCycleSummary summary) {}

  /** One attempt to deliver a completion webhook ended. */
  default void webhookAttempted(WebhookAttemptOutcome outcome) {}

  /** How many completion webhooks are pending, as the leader's delivery job last counted. */
  default void webhooksPending(long pending) {}

  /** A provider's webhook reached this instance and was answered. */
  default void providerWebhookReceived(LlmProvider provider, ProviderWebhookOutcome outcome) {}
}
