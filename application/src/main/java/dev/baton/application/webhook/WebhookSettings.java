package dev.baton.application.webhook;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * How completion webhooks are sent: a secret signs them all; {@code url} is the destination of
 * every batch that names none of its own.
 *
 * @param url {@code BATON_WEBHOOK_URL}, already accepted by the destination policy, if set
 * @param publicBaseUrl {@code BATON_PUBLIC_BASE_URL}: makes {@code itemsUrl} absolute, if set
 * @param allowPrivateAddresses {@code BATON_WEBHOOK_ALLOW_PRIVATE_ADDRESSES}
 * @param concurrency {@code BATON_WEBHOOK_CONCURRENCY}: deliveries in flight at once
 */
public record WebhookSettings(
    Optional<String> url,
    WebhookSecret secret,
    Optional<URI> publicBaseUrl,
    boolean allowPrivateAddresses,
    int concurrency) {

  public static final int DEFAULT_CONCURRENCY = 8;

  public WebhookSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(publicBaseUrl, "publicBaseUrl");
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1: " + concurrency);
    }
  }

  /** Sent to {@code url}, signed with {@code secret}, everything else as by default. */
  public static WebhookSettings of(String url, WebhookSecret secret) {
    return new WebhookSettings(
        Optional.of(url), secret, Optional.empty(), false, DEFAULT_CONCURRENCY);
  }
}
