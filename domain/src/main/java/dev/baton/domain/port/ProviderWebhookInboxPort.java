package dev.baton.domain.port;

import dev.baton.domain.LlmProvider;
import dev.baton.domain.ProviderEventReceipt;
import java.time.Instant;

/**
 * Providers' webhooks as any instance receives them ({@code baton_provider_webhook_event}). Not
 * fenced: any instance may record one.
 */
public interface ProviderWebhookInboxPort {

  /**
   * Records a verified webhook's id and, when the id is new and the provider's batch is tracked and
   * running, asks for that batch's poll ({@code poll_requested_at}, and the time it was last woken)
   * in the same transaction, so a replay of the id — on this instance or another — changes nothing.
   * On PostgreSQL the leader is also notified.
   */
  ProviderEventReceipt recordProviderEvent(
      String webhookId, Instant receivedAt, LlmProvider provider, String providerBatchId);

  /** Forgets the webhook ids received before {@code cutoff}; returns how many. */
  int forgetProviderEventsBefore(Instant cutoff);
}
