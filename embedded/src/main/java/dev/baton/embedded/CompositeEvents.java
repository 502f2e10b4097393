package dev.baton.embedded;

import dev.baton.domain.JobRunOutcome;
import dev.baton.domain.LlmProvider;
import dev.baton.domain.LockAttemptResult;
import dev.baton.domain.LossReason;
import dev.baton.domain.PollCycleSummary;
import dev.baton.domain.ProviderWebhookOutcome;
import dev.baton.domain.SchedulerRole;
import dev.baton.domain.WebhookAttemptOutcome;
import dev.baton.domain.port.SchedulerEventsPort;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hands every event to each listener the builder was given; a listener that throws is logged. */
final class CompositeEvents implements SchedulerEventsPort {
  private static final Logger log = LoggerFactory.getLogger(Baton.class);

  private final List<SchedulerEventsPort> listeners;

  private CompositeEvents(List<SchedulerEventsPort> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  static SchedulerEventsPort of(List<SchedulerEventsPort> listeners) {
    return new CompositeEvents(listeners);
  }

  private void each(Consumer<SchedulerEventsPort> event) {
    for (SchedulerEventsPort listener : listeners) {
      try {
        event.accept(listener);
      } catch (RuntimeException e) {
        log.warn("An events listener failed; it is called again for the next event", e);
      }
    }
  }

  @Override
  public void roleChanged(SchedulerRole from, SchedulerRole to, Optional<Long> term) {
    each(listener -> listener.roleChanged(from, to, term));
  }

  @Override
  public void lockAttempted(LockAttemptResult result) {
    each(listener -> listener.lockAttempted(result));
  }

  @Override
  public void leadershipAcquired(long term) {
    each(listener -> listener.leadershipAcquired(term));
  }

  @Override
  public void leadershipLost(long term, LossReason reason) {
    each(listener -> listener.leadershipLost(term, reason));
  }

  @Override
  public void fencedWriteRejected(String operation) {
    each(listener -> listener.fencedWriteRejected(operation));
  }

  @Override
  public void jobRunFinished(String jobName, JobRunOutcome outcome, Duration duration) {
    each(listener -> listener.jobRunFinished(jobName, outcome, duration));
  }

  @Override
  public void pollCycleCompleted(PollCycleSummary summary) {
    each(listener -> listener.pollCycleCompleted(summary));
  }

  @Override
  public void webhookAttempted(WebhookAttemptOutcome outcome) {
    each(listener -> listener.webhookAttempted(outcome));
  }

  @Override
  public void webhooksPending(long pending) {
    each(listener -> listener.webhooksPending(pending));
  }

  @Override
  public void providerWebhookReceived(LlmProvider provider, ProviderWebhookOutcome outcome) {
    each(listener -> listener.providerWebhookReceived(provider, outcome));
  }
}
