package dev.baton.bootstrap;

import dev.baton.adapters.webhook.Webhooks;
import dev.baton.application.BatchWebhookUrls;
import dev.baton.application.JobDefinition;
import dev.baton.application.webhook.WebhookSecret;
import dev.baton.application.webhook.WebhookSettings;
import dev.baton.bootstrap.config.BatonConfig;
import dev.baton.domain.WebhookEvents;
import dev.baton.domain.port.ClockPort;
import dev.baton.domain.port.SchedulerEventsPort;
import dev.baton.domain.port.WebhookDeliveryPort;
import java.util.Optional;

/**
 * Completion webhooks as configured: on when {@code BATON_WEBHOOK_SECRET} is set (a batch may then
 * name its own URL, and the delivery job runs), off otherwise.
 */
final class ConfiguredWebhooks implements AutoCloseable {
  private final Optional<Webhooks> webhooks;

  private ConfiguredWebhooks(Optional<Webhooks> webhooks) {
    this.webhooks = webhooks;
  }

  static ConfiguredWebhooks from(
      BatonConfig config, WebhookDeliveryPort outbox, ClockPort clock, SchedulerEventsPort events) {
    BatonConfig.WebhookConfig webhooks = config.webhooks();
    if (webhooks.secret().isEmpty()) {
      return new ConfiguredWebhooks(Optional.empty());
    }
    WebhookSettings settings =
        new WebhookSettings(
            webhooks.url(),
            WebhookSecret.parse(webhooks.secret().get().value()),
            webhooks.publicBaseUrl(),
            webhooks.allowPrivateAddresses(),
            webhooks.concurrency());
    return new ConfiguredWebhooks(
        Optional.of(new Webhooks(settings, outbox, clock, events, config.secretValues())));
  }

  WebhookEvents events() {
    return webhooks.map(Webhooks::events).orElse(WebhookEvents.NONE);
  }

  BatchWebhookUrls batchUrls() {
    return webhooks.map(Webhooks::batchUrls).orElse(BatchWebhookUrls.refused());
  }

  Optional<JobDefinition> job() {
    return webhooks.map(Webhooks::job);
  }

  @Override
  public void close() {
    webhooks.ifPresent(Webhooks::close);
  }
}
