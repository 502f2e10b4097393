package dev.baton.adapters.http;

import dev.baton.application.port.in.WebhookDeliveriesUseCase;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * {@code GET /v1/batches/{id}/deliveries}: the completion webhooks of a batch and their attempts.
 */
final class DeliveriesHandler implements Handler {
  private final WebhookDeliveriesUseCase deliveries;

  DeliveriesHandler(WebhookDeliveriesUseCase deliveries) {
    this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
  }

  @Override
  public void handle(Context ctx) {
    long batchId = QueryParameters.pathId(ctx, BatchHandler.BATCH_ID);
    QueryParameters.of(ctx, Set.of());
    List<DeliveryResponse> found =
        deliveries
            .deliveries(batchId)
            .orElseThrow(() -> BatchHandler.unknownBatch(batchId))
            .stream()
            .map(DeliveryResponse::from)
            .toList();
    ctx.json(new Deliveries(found));
  }

  record Deliveries(List<DeliveryResponse> deliveries) {}
}
