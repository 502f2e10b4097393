package dev.baton.application;

import dev.baton.application.webhook.WebhookDestinationPolicy;
import dev.baton.application.webhook.WebhookDestinationRefusedException;
import java.util.Optional;

/**
 * Whether a batch may name its own completion webhook URL ({@code webhookUrl} of {@code POST
 * /v1/batches}): only when a signing secret is configured, and only a destination the policy
 * accepts. No name is resolved here; that happens before each attempt.
 */
public final class BatchWebhookUrls {
  static final String FIELD = "webhookUrl";

  private final boolean secretConfigured;
  private final WebhookDestinationPolicy policy;

  private BatchWebhookUrls(boolean secretConfigured, WebhookDestinationPolicy policy) {
    this.secretConfigured = secretConfigured;
    this.policy = policy;
  }

  /** Webhooks are signed with a configured secret: a batch may name a URL the policy accepts. */
  public static BatchWebhookUrls checkedBy(WebhookDestinationPolicy policy) {
    return new BatchWebhookUrls(true, policy);
  }

  /** No signing secret is configured: every batch URL is refused. */
  public static BatchWebhookUrls refused() {
    return new BatchWebhookUrls(false, null);
  }

  /**
   * The URL to store, as the policy read it.
   *
   * @throws InvalidRequestException naming {@value #FIELD} when it may not be used
   */
  public Optional<String> accept(Optional<String> url) {
    if (url.isEmpty()) {
      return url;
    }
    if (!secretConfigured) {
      throw new InvalidRequestException(
          FIELD, "webhooks are not signed here: BATON_WEBHOOK_SECRET is not configured");
    }
    try {
      return Optional.of(policy.check(url.get()).toString());
    } catch (WebhookDestinationRefusedException e) {
      throw new InvalidRequestException(FIELD, e.getMessage());
    }
  }
}
