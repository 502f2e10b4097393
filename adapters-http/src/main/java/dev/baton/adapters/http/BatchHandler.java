package dev.baton.adapters.http;

import dev.baton.application.port.in.BatchTrackingUseCase;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Objects;
import java.util.Set;

/**
 * {@code GET /v1/batches/{id}}: one tracked batch with how many of its items are in each status.
 */
final class BatchHandler implements Handler {
  /** The path parameter of the batch routes in {@link BatonHttpServer}. */
  static final String BATCH_ID = "id";

  private final BatchTrackingUseCase batches;

  BatchHandler(BatchTrackingUseCase batches) {
    this.batches = Objects.requireNonNull(batches, "batches");
  }

  static String path(long batchId) {
    return "/v1/batches/" + batchId;
  }

  static ProblemException unknownBatch(long batchId) {
    return ProblemException.ofStatus(404, "No batch with id " + batchId + " is tracked.");
  }

  @Override
  public void handle(Context ctx) {
    long batchId = QueryParameters.pathId(ctx, BATCH_ID);
    QueryParameters.of(ctx, Set.of());
    ctx.json(
        TrackedBatchResponse.from(batches.batch(batchId).orElseThrow(() -> unknownBatch(batchId))));
  }
}
