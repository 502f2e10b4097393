package dev.baton.application;

import dev.baton.application.port.in.WebhookDeliveriesUseCase;
import dev.baton.domain.WebhookDelivery;
import dev.baton.domain.port.BatchTrackingPort;
import dev.baton.domain.port.ClockPort;
import dev.baton.domain.port.WebhookDeliveryPort;
import java.util.List;
import java.util.Optional;

/** Lists and redelivers completion webhooks; any instance may answer, the leader sends. */
public final class WebhookDeliveriesService implements WebhookDeliveriesUseCase {
  private final BatchTrackingPort batches;
  private final WebhookDeliveryPort outbox;
  private final ClockPort clock;

  public WebhookDeliveriesService(
      BatchTrackingPort batches, WebhookDeliveryPort outbox, ClockPort clock) {
    this.batches = batches;
    this.outbox = outbox;
    this.clock = clock;
  }

  @Override
  public Optional<List<WebhookDelivery>> deliveries(long batchId) {
    if (batches.find(batchId).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(outbox.forBatch(batchId));
  }

  @Override
  public Optional<WebhookDelivery> redeliver(long deliveryId) {
    return outbox.redeliver(deliveryId, clock.now());
  }
}
