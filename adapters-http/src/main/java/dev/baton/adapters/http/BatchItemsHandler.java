package dev.baton.adapters.http;

import dev.baton.application.port.in.BatchTrackingUseCase;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Objects;
import java.util.Set;

/** {@code GET /v1/batches/{id}/items?limit=&after=}: a batch's items with their results. */
final class BatchItemsHandler implements Handler {
  private static final Set<String> PARAMETERS =
      Set.of(QueryParameters.LIMIT, QueryParameters.AFTER);

  private final BatchTrackingUseCase batches;

  BatchItemsHandler(BatchTrackingUseCase batches) {
    this.batches = Objects.requireNonNull(batches, "batches");
  }

  @Override
  public void handle(Context ctx) {
    long batchId = QueryParameters.pathId(ctx, BatchHandler.BATCH_ID);
    QueryParameters query = QueryParameters.of(ctx, PARAMETERS);
    int limit = query.limit();
    ctx.json(
        BatchItemsResponse.from(
            batches
                .items(batchId, limit, query.after())
                .orElseThrow(() -> BatchHandler.unknownBatch(batchId))));
  }
}
