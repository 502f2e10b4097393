package dev.baton.domain.port;

import dev.baton.domain.DeliveryAttempt;
import dev.baton.domain.FencedOutException;
import dev.baton.domain.WebhookDelivery;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The webhook outbox ({@code baton_webhook_delivery}). Rows are inserted by the batch store with a
 * batch's final status; the delivery job's writes are fenced by the writer's term.
 */
public interface WebhookDeliveryPort {

  /** Pending deliveries whose next attempt is due at {@code now}, oldest due first. */
  List<WebhookDelivery> due(Instant now, int limit);

  /** How many deliveries are pending, due or not. */
  long countPending();

  /**
   * Records one attempt: one more attempt, its time, answer and error, and the delivery's new
   * status. A delivery no longer pending (redelivered and delivered elsewhere meanwhile) is left as
   * it is.
   *
   * @throws FencedOutException when {@code term} is not the current term; nothing is written
   */
  void recordAttempt(long term, DeliveryAttempt attempt);

  /** A batch's deliveries, in id order. */
  List<WebhookDelivery> forBatch(long batchId);

  Optional<WebhookDelivery> findDelivery(long deliveryId);

  /**
   * Makes a delivery pending again, due at {@code now}; not fenced: any instance may ask, the
   * leader sends it.
   *
   * @return the delivery as it is now, or empty when there is no such delivery
   */
  Optional<WebhookDelivery> redeliver(long deliveryId, Instant now);
}
