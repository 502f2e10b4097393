package dev.baton.adapters.http;

import dev.baton.application.port.in.WebhookDeliveriesUseCase;
import io.javalin.http.Context;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** The endpoints of the completion webhooks' deliveries, a method each. */
final class DeliveryHandlers {
  /** The path parameter of the redeliver route in {@link BatonHttpServer}. */
  static final String DELIVERY_ID = "id";

  private final WebhookDeliveriesUseCase deliveries;
  private final RequestBodyLimit bodyLimit;

  DeliveryHandlers(WebhookDeliveriesUseCase deliveries, RequestBodyLimit bodyLimit) {
    this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
    this.bodyLimit = Objects.requireNonNull(bodyLimit, "bodyLimit");
  }

  /**
   * {@code GET /v1/batches/{id}/deliveries}: the completion webhooks of a batch and their attempts.
   */
  void ofBatch(Context ctx) {
    long batchId = QueryParameters.pathId(ctx, BatchHandlers.BATCH_ID);
    QueryParameters.of(ctx, Set.of());
    List<DeliveryResponse> found =
        deliveries
            .deliveries(batchId)
            .orElseThrow(() -> BatchHandlers.unknownBatch(batchId))
            .stream()
            .map(DeliveryResponse::from)
            .toList();
    ctx.json(new Deliveries(found));
  }

  /**
   * {@code POST /v1/deliveries/{id}/redeliver}: sends a completion webhook again, whatever became
   * of it; answers with the delivery, pending and due now. The leader sends it within a second.
   */
  void redeliver(Context ctx) {
    bodyLimit.discardBody(ctx);
    long deliveryId = QueryParameters.pathId(ctx, DELIVERY_ID);
    ctx.json(
        DeliveryResponse.from(
            deliveries
                .redeliver(deliveryId)
                .orElseThrow(
                    () ->
                        ProblemException.ofStatus(
                            404, "No webhook delivery with id " + deliveryId + " exists."))));
  }

  record Deliveries(List<DeliveryResponse> deliveries) {}
}
