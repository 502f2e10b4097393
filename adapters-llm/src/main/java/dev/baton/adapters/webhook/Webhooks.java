package dev.baton.adapters.webhook;

import dev.baton.application.BatchWebhookUrls;
import dev.baton.application.DeliverWebhooksJob;
import dev.baton.application.Jitter;
import dev.baton.application.JobDefinition;
import dev.baton.application.WebhookRetrySchedule;
import dev.baton.application.webhook.CompletionWebhooks;
import dev.baton.application.webhook.HostResolver;
import dev.baton.application.webhook.SecretRedaction;
import dev.baton.application.webhook.StandardWebhooks;
import dev.baton.application.webhook.WebhookDestinationPolicy;
import dev.baton.application.webhook.WebhookSettings;
import dev.baton.domain.WebhookEvents;
import dev.baton.domain.port.ClockPort;
import dev.baton.domain.port.SchedulerEventsPort;
import dev.baton.domain.port.WebhookDeliveryPort;
import java.util.Collection;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Completion webhooks assembled from their settings, for the service and for embedding: what the
 * polling job writes to the outbox ({@link #events}), which batch URLs are accepted ({@link
 * #batchUrls}), and the {@code deliver_webhooks} job ({@link #job}) with its own threads, which
 * {@link #close} stops.
 */
public final class Webhooks implements AutoCloseable {
  private final WebhookSettings settings;
  private final WebhookDestinationPolicy destinations;
  private final ExecutorService sends;
  private final ExecutorService http;
  private final DeliverWebhooksJob job;

  /**
   * @param secrets every configured secret, masked in recorded errors
   */
  public Webhooks(
      WebhookSettings settings,
      WebhookDeliveryPort outbox,
      ClockPort clock,
      SchedulerEventsPort events,
      Collection<String> secrets) {
    this.settings = settings;
    this.destinations =
        new WebhookDestinationPolicy(settings.allowPrivateAddresses(), HostResolver.system());
    this.sends = Executors.newFixedThreadPool(settings.concurrency(), daemons("baton-webhook-"));
    this.http = Executors.newCachedThreadPool(daemons("baton-webhook-http-"));
    this.job =
        new DeliverWebhooksJob(
            outbox,
            new HttpWebhookSender(http, DeliverWebhooksJob.TIMEOUT),
            new StandardWebhooks(settings.secret()),
            destinations,
            new WebhookRetrySchedule(Jitter.random()),
            new SecretRedaction(secrets),
            sends,
            settings.concurrency(),
            clock,
            events);
  }

  /** The completion webhook written with each final status. */
  public WebhookEvents events() {
    return new CompletionWebhooks(settings.url(), settings.publicBaseUrl());
  }

  /** A batch's own URL is checked by the same rules as every destination. */
  public BatchWebhookUrls batchUrls() {
    return BatchWebhookUrls.checkedBy(destinations);
  }

  public JobDefinition job() {
    return job.definition();
  }

  @Override
  public void close() {
    sends.shutdownNow();
    http.shutdownNow();
  }

  private static ThreadFactory daemons(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
