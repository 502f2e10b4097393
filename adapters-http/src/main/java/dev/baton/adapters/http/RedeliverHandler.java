package dev.baton.adapters.http;

import dev.baton.application.port.in.WebhookDeliveriesUseCase;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Objects;

/**
 * {@code POST /v1/deliveries/{id}/redeliver}: sends a completion webhook again, whatever became of
 * it; answers with the delivery, pending and due now. The leader sends it within a second.
 */
final class RedeliverHandler implements Handler {
  /** The path parameter of the route in {@link BatonHttpServer}. */
  static final String DELIVERY_ID = "id";

  private final WebhookDeliveriesUseCase deliveries;
  private final RequestBodyLimit bodyLimit;

  RedeliverHandler(WebhookDeliveriesUseCase deliveries, RequestBodyLimit bodyLimit) {
    this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
    this.bodyLimit = Objects.requireNonNull(bodyLimit, "bodyLimit");
  }

  @Override
  public void handle(Context ctx) {
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
}
