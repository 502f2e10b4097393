package dev.baton.testsupport.fakes;

import dev.baton.domain.BatchStatus;
import dev.baton.domain.FencedOutException;
import dev.baton.domain.LlmBatchJob;
import dev.baton.domain.LlmProvider;
import dev.baton.domain.PollRequest;
import dev.baton.domain.ProviderEventReceipt;
import dev.baton.domain.port.PollRequestPort;
import dev.baton.domain.port.ProviderWebhookInboxPort;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Providers' webhooks and the polls they ask for, in memory, over the batches of an {@link
 * InMemoryBatchStore}; clearing is fenced against a term supplier. It does not keep {@code
 * lastWokenAt}.
 */
public final class InMemoryPollRequests implements PollRequestPort, ProviderWebhookInboxPort {
  private final InMemoryBatchStore batches;
  private final LongSupplier currentTerm;
  private final Map<String, Instant> webhookIds = new HashMap<>();
  private final Map<Long, Instant> requests = new LinkedHashMap<>();
  private int clears;

  public InMemoryPollRequests(InMemoryBatchStore batches, LongSupplier currentTerm) {
    this.batches = batches;
    this.currentTerm = currentTerm;
  }

  /** How many requests a leader cleared. */
  public synchronized int clears() {
    return clears;
  }

  /** Asks for a batch's poll as a webhook received at {@code at} would. */
  public synchronized void request(long batchId, Instant at) {
    requests.put(batchId, at);
  }

  @Override
  public synchronized ProviderEventReceipt recordProviderEvent(
      String webhookId, Instant receivedAt, LlmProvider provider, String providerBatchId) {
    if (webhookIds.putIfAbsent(webhookId, receivedAt) != null) {
      return ProviderEventReceipt.REPLAYED;
    }
    Optional<LlmBatchJob> batch =
        batches.list(Optional.empty(), 0, Integer.MAX_VALUE).stream()
            .filter(job -> job.provider() == provider)
            .filter(job -> job.providerBatchId().equals(providerBatchId))
            .findFirst();
    if (batch.isEmpty()) {
      return ProviderEventReceipt.UNKNOWN_BATCH;
    }
    if (batch.get().status() != BatchStatus.RUNNING) {
      return ProviderEventReceipt.ALREADY_FINAL;
    }
    requests.put(batch.get().id(), receivedAt);
    return ProviderEventReceipt.POLL_REQUESTED;
  }

  @Override
  public synchronized int forgetProviderEventsBefore(Instant cutoff) {
    int before = webhookIds.size();
    webhookIds.values().removeIf(receivedAt -> receivedAt.isBefore(cutoff));
    return before - webhookIds.size();
  }

  @Override
  public synchronized List<PollRequest> requestedPolls(int limit) {
    return requests.entrySet().stream()
        .map(request -> new PollRequest(batches.batchOf(request.getKey()), request.getValue()))
        .filter(request -> request.batch().status() == BatchStatus.RUNNING)
        .sorted(
            Comparator.comparing(PollRequest::requestedAt)
                .thenComparingLong(request -> request.batch().id()))
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized void clearPollRequest(long term, long batchId, Instant requestedAt) {
    long current = currentTerm.getAsLong();
    if (current != term) {
      throw new FencedOutException("clearing a poll request", term, current);
    }
    if (requests.remove(batchId, requestedAt)) {
      clears++;
    }
  }
}
