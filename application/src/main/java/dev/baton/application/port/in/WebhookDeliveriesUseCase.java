package dev.baton.application.port.in;

import dev.baton.domain.WebhookDelivery;
import java.util.List;
import java.util.Optional;

/** The completion webhooks of batches ({@code /v1/batches/{id}/deliveries}, redelivery). */
public interface WebhookDeliveriesUseCase {

  /** A batch's deliveries in id order, or empty when no such batch is tracked. */
  Optional<List<WebhookDelivery>> deliveries(long batchId);

  /**
   * Sends a delivery again, whatever it came to: it is pending and due now, and the leader sends it
   * within a second.
   *
   * @return the delivery as it is now, or empty when there is no such delivery
   */
  Optional<WebhookDelivery> redeliver(long deliveryId);
}
