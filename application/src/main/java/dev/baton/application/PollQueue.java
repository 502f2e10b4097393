package dev.baton.application;

import dev.baton.domain.LlmBatchJob;
import dev.baton.domain.PollRequest;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The batches of one polling run in the order their provider calls start: batches whose poll a
 * provider's webhook asked for come first, also those asked for while the run goes on. Each entry
 * is taken by exactly one provider-call task, so the run submits one task per entry {@link #offer}
 * added. Thread-safe.
 */
final class PollQueue {

  /**
   * @param requestedAt the poll request this call serves, or null when none was stored for it
   */
  record Entry(LlmBatchJob batch, Instant requestedAt) {
    Entry {
      Objects.requireNonNull(batch, "batch");
    }
  }

  private final Deque<Entry> waiting = new ArrayDeque<>();
  private final Set<Long> inFlight = new HashSet<>();
  // batch id → the request its finished call served (an empty Optional: none)
  private final Map<Long, Optional<Instant>> served = new HashMap<>();

  /** Requested batches first (oldest request first), then the others, each batch once. */
  PollQueue(List<PollRequest> requested, List<LlmBatchJob> running) {
    Set<Long> seen = new HashSet<>();
    for (PollRequest request : requested) {
      if (seen.add(request.batch().id())) {
        waiting.addLast(new Entry(request.batch(), request.requestedAt()));
      }
    }
    for (LlmBatchJob batch : running) {
      if (seen.add(batch.id())) {
        waiting.addLast(new Entry(batch, null));
      }
    }
  }

  synchronized int size() {
    return waiting.size();
  }

  /**
   * Puts requests ahead of the batches still waiting. A waiting batch moves to the front; a batch
   * whose call is in flight is left to it (a request made during the call outlives the call's
   * clearing and is offered again); a batch whose call ended is polled once more unless that call
   * served this very request.
   *
   * @return how many entries were added: the caller submits that many more tasks
   */
  synchronized int offer(List<PollRequest> requests) {
    int added = 0;
    for (int i = requests.size() - 1; i >= 0; i--) {
      PollRequest request = requests.get(i);
      long id = request.batch().id();
      if (inFlight.contains(id)) {
        continue;
      }
      boolean wasWaiting = waiting.removeIf(entry -> entry.batch().id() == id);
      Optional<Instant> servedRequest = served.get(id);
      if (!wasWaiting
          && servedRequest != null
          && servedRequest.isPresent()
          && servedRequest.get().equals(request.requestedAt())) {
        continue;
      }
      waiting.addFirst(new Entry(request.batch(), request.requestedAt()));
      if (!wasWaiting) {
        added++;
      }
    }
    return added;
  }

  /** The next batch to poll; called once per task, so there is always one. */
  synchronized Entry next() {
    Entry entry = waiting.removeFirst();
    inFlight.add(entry.batch().id());
    return entry;
  }

  synchronized void done(Entry entry) {
    inFlight.remove(entry.batch().id());
    served.put(entry.batch().id(), Optional.ofNullable(entry.requestedAt()));
  }
}
