package dev.baton.domain;

import java.util.Optional;

/**
 * Which completion webhook, if any, announces a batch's final status. A store asks it inside the
 * transaction that stores the final status and writes the answer to the outbox in that same
 * transaction: never a final status without its delivery, never a delivery for a status rolled
 * back.
 */
@FunctionalInterface
public interface WebhookEvents {

  /** No webhooks are configured: nothing is announced. */
  WebhookEvents NONE = completion -> Optional.empty();

  Optional<NewWebhookDelivery> deliveryFor(BatchCompletion completion);
}
