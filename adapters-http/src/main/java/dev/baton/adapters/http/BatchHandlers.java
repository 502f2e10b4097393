package dev.baton.adapters.http;

import dev.baton.application.InvalidRequestException;
import dev.baton.application.port.in.BatchTrackingUseCase;
import dev.baton.domain.BatchStatus;
import dev.baton.domain.NewBatch;
import dev.baton.domain.TrackedBatch;
import io.javalin.http.Context;
import io.javalin.http.Header;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The batch endpoints, a method each: tracking a batch and reading what is tracked. */
final class BatchHandlers {
  /** The path parameter of the batch routes in {@link BatonHttpServer}. */
  static final String BATCH_ID = "id";

  static final String STATUS = "status";

  private static final Set<String> LIST_PARAMETERS =
      Set.of(STATUS, QueryParameters.LIMIT, QueryParameters.AFTER);
  private static final Set<String> ITEMS_PARAMETERS =
      Set.of(QueryParameters.LIMIT, QueryParameters.AFTER);

  private final BatchTrackingUseCase batches;
  private final RequestBodyLimit bodyLimit;

  BatchHandlers(BatchTrackingUseCase batches, RequestBodyLimit bodyLimit) {
    this.batches = Objects.requireNonNull(batches, "batches");
    this.bodyLimit = Objects.requireNonNull(bodyLimit, "bodyLimit");
  }

  static String path(long batchId) {
    return "/v1/batches/" + batchId;
  }

  static ProblemException unknownBatch(long batchId) {
    return ProblemException.ofStatus(404, "No batch with id " + batchId + " is tracked.");
  }

  /**
   * Every status, in the order of {@link BatchStatus}, with 0 for none: a client reads {@code
   * failed} without first asking whether it is there.
   */
  static Map<String, Long> everyStatus(Map<BatchStatus, Long> counts) {
    Map<String, Long> all = new LinkedHashMap<>();
    for (BatchStatus status : BatchStatus.values()) {
      all.put(status.wireName(), counts.getOrDefault(status, 0L));
    }
    return all;
  }

  /**
   * {@code POST /v1/batches}: starts tracking a batch already submitted to its provider. The body
   * is checked in full before the use case sees it, so a refused request stores nothing; a batch
   * tracked already is answered 409 by {@link ProblemResponses}.
   */
  void track(Context ctx) {
    NewBatch batch = TrackBatchRequest.parse(bodyLimit.readBody(ctx));
    TrackedBatch tracked = batches.track(batch);
    ctx.status(201)
        .header(Header.LOCATION, path(tracked.batch().id()))
        .json(TrackedBatchResponse.from(tracked));
  }

  /** {@code GET /v1/batches?status=&limit=&after=}: the tracked batches, a page at a time. */
  void list(Context ctx) {
    QueryParameters query = QueryParameters.of(ctx, LIST_PARAMETERS);
    Optional<BatchStatus> status = query.optional(STATUS).map(BatchHandlers::status);
    int limit = query.limit();
    ctx.json(BatchesResponse.from(batches.batches(status, limit, query.after())));
  }

  /** {@code GET /v1/batches/counts}: how many tracked batches are in each status, every one. */
  void counts(Context ctx) {
    QueryParameters.of(ctx, Set.of());
    ctx.json(Map.of("counts", everyStatus(batches.countsByStatus())));
  }

  /**
   * {@code GET /v1/batches/{id}}: one tracked batch with how many of its items are in each status.
   */
  void batch(Context ctx) {
    long batchId = QueryParameters.pathId(ctx, BATCH_ID);
    QueryParameters.of(ctx, Set.of());
    ctx.json(
        TrackedBatchResponse.from(batches.batch(batchId).orElseThrow(() -> unknownBatch(batchId))));
  }

  /** {@code GET /v1/batches/{id}/items?limit=&after=}: a batch's items with their results. */
  void items(Context ctx) {
    long batchId = QueryParameters.pathId(ctx, BATCH_ID);
    QueryParameters query = QueryParameters.of(ctx, ITEMS_PARAMETERS);
    int limit = query.limit();
    ctx.json(
        BatchItemsResponse.from(
            batches.items(batchId, limit, query.after()).orElseThrow(() -> unknownBatch(batchId))));
  }

  private static BatchStatus status(String wire) {
    for (BatchStatus status : BatchStatus.values()) {
      if (status.wireName().equals(wire)) {
        return status;
      }
    }
    throw new InvalidRequestException(
        STATUS,
        "unknown status '"
            + TrackBatchRequest.echoed(wire)
            + "'; accepted: "
            + String.join(
                ", ", Arrays.stream(BatchStatus.values()).map(BatchStatus::wireName).toList()));
  }
}
