package dev.baton.testsupport.fakes;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Records scheduler events as short strings, e.g. {@code "lost 3 heartbeat_timeout"}. Not final, so
 * a test can hook one event and keep the recording.
 */
public class RecordingSchedulerEvents implements SchedulerEventsPort {
  private PollCycleSummary lastPollCycle;

  private final List<String> events = new ArrayList<>();

  public synchronized List<String> events() {
    return List.copyOf(events);
  }

  public synchronized long count(String prefix) {
    return events.stream().filter(event -> event.startsWith(prefix)).count();
  }

  private synchronized void add(String event) {
    events.add(event);
  }

  @Override
  public void roleChanged(SchedulerRole from, SchedulerRole to, Optional<Long> term) {
    add("role " + from + " -> " + to);
  }

  @Override
  public void lockAttempted(LockAttemptResult result) {
    add("lock " + result.wireName());
  }

  @Override
  public void leadershipAcquired(long term) {
    add("acquired " + term);
  }

  @Override
  public void leadershipLost(long term, LossReason reason) {
    add("lost " + term + " " + reason.wireName());
  }

  @Override
  public void providerWebhookReceived(LlmProvider provider, ProviderWebhookOutcome outcome) {
    add("webhook " + provider.wireName() + " " + outcome.wireName());
  }

  @Override
  public void fencedWriteRejected(String operation) {
    add("fenced " + operation);
  }

  /** The summary of the last poll cycle reported; null before the first. */
  public synchronized PollCycleSummary lastPollCycle() {
    return lastPollCycle;
  }

  @Override
  public void pollCycleCompleted(PollCycleSummary summary) {
    synchronized (this) {
      lastPollCycle = summary;
    }
    add(
        "poll "
            + summary.batches()
            + " batches, "
            + summary.completed()
            + " completed, "
            + summary.itemsUpdated()
            + " items");
  }

  @Override
  public void jobRunFinished(String jobName, JobRunOutcome outcome, Duration duration) {
    add("run " + jobName + " " + outcome.wireName());
  }

  @Override
  public void webhookAttempted(WebhookAttemptOutcome outcome) {
    add("webhook " + outcome.wireName());
  }
}
