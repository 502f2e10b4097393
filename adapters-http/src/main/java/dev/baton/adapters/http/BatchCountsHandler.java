package dev.baton.adapters.http;

import dev.baton.application.port.in.BatchTrackingUseCase;
import dev.baton.domain.BatchStatus;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code GET /v1/batches/counts}: how many tracked batches are in each status, every status present
 * in the order of {@link BatchStatus}, so a client reads {@code counts.failed} without asking
 * whether it is there.
 */
final class BatchCountsHandler implements Handler {
  private final BatchTrackingUseCase batches;

  BatchCountsHandler(BatchTrackingUseCase batches) {
    this.batches = Objects.requireNonNull(batches, "batches");
  }

  @Override
  public void handle(Context ctx) {
    QueryParameters.of(ctx, Set.of());
    Map<BatchStatus, Long> counts = batches.countsByStatus();
    Map<String, Long> body = new LinkedHashMap<>();
    for (BatchStatus status : BatchStatus.values()) {
      body.put(status.wireName(), counts.getOrDefault(status, 0L));
    }
    ctx.json(Map.of("counts", body));
  }
}
