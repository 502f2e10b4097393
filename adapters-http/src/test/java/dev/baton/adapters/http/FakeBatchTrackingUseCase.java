package dev.baton.adapters.http;

import dev.baton.application.InvalidRequestException;
import dev.baton.application.port.in.BatchTrackingUseCase;
import dev.baton.domain.BatchStatus;
import dev.baton.domain.DuplicateBatchException;
import dev.baton.domain.LlmBatchItem;
import dev.baton.domain.LlmBatchJob;
import dev.baton.domain.NewBatch;
import dev.baton.domain.Page;
import dev.baton.domain.TrackedBatch;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Batches kept in memory in id order, paged with opaque cursors as the real use case pages them;
 * remembers every call, so a test can prove that a refused request reached nothing.
 */
final class FakeBatchTrackingUseCase implements BatchTrackingUseCase {
  static final Instant TRACKED_AT = Instant.parse("2026-11-27T00:41:08.120Z");

  /** One call to {@link #batches} or {@link #items}, as the handler made it. */
  record PageCall(String method, Optional<BatchStatus> status, int limit, Optional<String> after) {}

  private final Map<Long, LlmBatchJob> batches = new TreeMap<>();
  private final Map<Long, List<LlmBatchItem>> items = new TreeMap<>();
  private final List<NewBatch> trackCalls = new CopyOnWriteArrayList<>();
  private final List<PageCall> pageCalls = new CopyOnWriteArrayList<>();
  private volatile RuntimeException trackFailure;
  private long nextId = 1;

  /** Stores a batch as the poller would have left it. */
  synchronized void add(LlmBatchJob batch, List<LlmBatchItem> batchItems) {
    batches.put(batch.id(), batch);
    items.put(batch.id(), List.copyOf(batchItems));
    nextId = Math.max(nextId, batch.id() + 1);
  }

  @Override
  public synchronized Map<BatchStatus, Long> countsByStatus() {
    Map<BatchStatus, Long> counts = new EnumMap<>(BatchStatus.class);
    for (BatchStatus status : BatchStatus.values()) {
      counts.put(status, 0L);
    }
    batches.values().forEach(batch -> counts.merge(batch.status(), 1L, Long::sum));
    return counts;
  }

  /** Makes {@link #track} throw, as the use case does for input it refuses. */
  void failTracking(RuntimeException failure) {
    this.trackFailure = failure;
  }

  List<NewBatch> trackCalls() {
    return List.copyOf(trackCalls);
  }

  List<PageCall> pageCalls() {
    return List.copyOf(pageCalls);
  }

  @Override
  public synchronized TrackedBatch track(NewBatch batch) {
    trackCalls.add(batch);
    if (trackFailure != null) {
      throw trackFailure;
    }
    for (LlmBatchJob known : batches.values()) {
      if (known.provider() == batch.provider()
          && known.providerBatchId().equals(batch.providerBatchId())) {
        throw new DuplicateBatchException(batch.provider(), batch.providerBatchId());
      }
    }
    long id = nextId++;
    LlmBatchJob job =
        new LlmBatchJob(
            id,
            batch.provider(),
            batch.providerBatchId(),
            BatchStatus.CREATED,
            TRACKED_AT,
            null,
            null,
            null,
            null);
    List<LlmBatchItem> created = new ArrayList<>(batch.customIds().size());
    long itemId = 1;
    for (String customId : batch.customIds()) {
      created.add(new LlmBatchItem(itemId++, id, customId, BatchStatus.CREATED, null, TRACKED_AT));
    }
    add(job, created);
    return tracked(id);
  }

  @Override
  public synchronized Optional<TrackedBatch> batch(long batchId) {
    return batches.containsKey(batchId) ? Optional.of(tracked(batchId)) : Optional.empty();
  }

  @Override
  public synchronized Page<LlmBatchJob> batches(
      Optional<BatchStatus> status, int limit, Optional<String> after) {
    pageCalls.add(new PageCall("batches", status, limit, after));
    List<LlmBatchJob> matching =
        batches.values().stream()
            .filter(batch -> status.isEmpty() || batch.status() == status.get())
            .toList();
    return page(matching, LlmBatchJob::id, limit, after);
  }

  @Override
  public synchronized Optional<Page<LlmBatchItem>> items(
      long batchId, int limit, Optional<String> after) {
    pageCalls.add(new PageCall("items", Optional.empty(), limit, after));
    List<LlmBatchItem> batchItems = items.get(batchId);
    if (batchItems == null) {
      return Optional.empty();
    }
    return Optional.of(page(batchItems, LlmBatchItem::id, limit, after));
  }

  private TrackedBatch tracked(long batchId) {
    Map<BatchStatus, Long> counts = new EnumMap<>(BatchStatus.class);
    for (LlmBatchItem item : items.get(batchId)) {
      counts.merge(item.requestStatus(), 1L, Long::sum);
    }
    return new TrackedBatch(batches.get(batchId), counts);
  }

  private static <T> Page<T> page(
      List<T> ordered, java.util.function.ToLongFunction<T> id, int limit, Optional<String> after) {
    if (limit < 1 || limit > MAX_PAGE_SIZE) {
      throw new InvalidRequestException("limit", "out of range");
    }
    long afterId = after.map(FakeBatchTrackingUseCase::decode).orElse(0L);
    List<T> rest = ordered.stream().filter(item -> id.applyAsLong(item) > afterId).toList();
    List<T> page = rest.subList(0, Math.min(limit, rest.size()));
    String next = rest.size() > limit ? encode(id.applyAsLong(page.get(page.size() - 1))) : null;
    return new Page<>(page, next);
  }

  private static String encode(long id) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("after:" + id).getBytes(StandardCharsets.UTF_8));
  }

  private static long decode(String cursor) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (text.startsWith("after:")) {
        return Long.parseLong(text.substring("after:".length()));
      }
    } catch (IllegalArgumentException e) {
      // refused below, as the real use case refuses a cursor it did not hand out
    }
    throw new InvalidRequestException("after", "not a cursor this list handed out");
  }
}
