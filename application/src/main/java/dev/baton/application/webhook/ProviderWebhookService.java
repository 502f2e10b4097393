package dev.baton.application.webhook;

import dev.baton.application.port.in.ProviderWebhookUseCase;
import dev.baton.domain.LlmProvider;
import dev.baton.domain.ProviderEventReceipt;
import dev.baton.domain.ProviderWebhookOutcome;
import dev.baton.domain.port.ClockPort;
import dev.baton.domain.port.ProviderWebhookInboxPort;
import dev.baton.domain.port.SchedulerEventsPort;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Providers' own webhooks: verified with the provider's signing secret, recorded once by their
 * {@code webhook-id} on any instance, and turned into a poll request for the batch they name, so
 * the leader polls it within about a second instead of at its next cycle. Every answer is counted
 * ({@link SchedulerEventsPort#providerWebhookReceived}).
 *
 * <p>The rate limit bounds what webhooks can make Baton do: each admitted webhook asks for at most
 * one provider call, so at most {@value #PER_SECOND} a second on each instance, in bursts of
 * {@value #BURST}. A sender over the limit is answered 429 and retries, as providers do.
 */
public final class ProviderWebhookService implements ProviderWebhookUseCase {
  private static final Logger log = LoggerFactory.getLogger(ProviderWebhookService.class);

  /** Webhooks an instance takes a second, on average. */
  public static final int PER_SECOND = 20;

  /** Webhooks an instance takes at once after a quiet spell. */
  public static final int BURST = 50;

  /** How long a webhook id is remembered: as long as OpenAI retries a webhook. */
  public static final Duration REPLAY_MEMORY = Duration.ofHours(72);

  /** How often an instance forgets the ids older than {@link #REPLAY_MEMORY}. */
  static final Duration FORGET_EVERY = Duration.ofMinutes(1);

  /** OpenAI's batch events; every other type is answered 200 and ignored. */
  static final Set<String> BATCH_EVENT_TYPES =
      Set.of("batch.completed", "batch.failed", "batch.cancelled", "batch.expired");

  private final Map<LlmProvider, StandardWebhooks> verifiers = new EnumMap<>(LlmProvider.class);
  private final ProviderWebhookInboxPort inbox;
  private final ClockPort clock;
  private final SchedulerEventsPort events;
  private final WebhookRateLimit rateLimit;
  private final AtomicReference<Instant> lastForgotten = new AtomicReference<>(Instant.MIN);

  /**
   * @param secrets each provider's signing secret; a provider without one has its webhooks refused
   */
  public ProviderWebhookService(
      Map<LlmProvider, WebhookSecret> secrets,
      ProviderWebhookInboxPort inbox,
      ClockPort clock,
      SchedulerEventsPort events) {
    secrets.forEach((provider, secret) -> verifiers.put(provider, new StandardWebhooks(secret)));
    this.inbox = inbox;
    this.clock = clock;
    this.events = events;
    this.rateLimit = new WebhookRateLimit(PER_SECOND, BURST, clock);
  }

  @Override
  public Admission admit(LlmProvider provider) {
    if (!verifiers.containsKey(provider)) {
      return Admission.NOT_CONFIGURED;
    }
    if (!rateLimit.tryTake()) {
      log.debug("A webhook of {} refused: over {} a second", provider.wireName(), PER_SECOND);
      return Admission.RATE_LIMITED;
    }
    return Admission.ADMITTED;
  }

  @Override
  public Receipt receive(
      LlmProvider provider,
      Function<String, String> header,
      byte[] body,
      Function<byte[], ProviderEvent> readEvent) {
    StandardWebhooks verifier = verifiers.get(provider);
    if (verifier == null) {
      throw new IllegalStateException("no signing secret for " + provider.wireName());
    }
    Instant now = clock.now();
    WebhookVerification verification = verifier.verify(header, body, now);
    Receipt receipt;
    if (verification.outcome() == WebhookVerification.Outcome.STALE_TIMESTAMP) {
      receipt = new Receipt(ProviderWebhookOutcome.STALE_TIMESTAMP, verification.detail());
    } else if (!verification.verified()) {
      receipt = new Receipt(ProviderWebhookOutcome.BAD_SIGNATURE, verification.detail());
    } else {
      receipt = take(provider, header.apply(StandardWebhooks.ID_HEADER), body, readEvent, now);
    }
    events.providerWebhookReceived(provider, receipt.outcome());
    if (receipt.outcome() == ProviderWebhookOutcome.ACCEPTED) {
      log.info("Webhook of {}: {}", provider.wireName(), receipt.detail());
    } else {
      log.debug(
          "Webhook of {} {}: {}",
          provider.wireName(),
          receipt.outcome().wireName(),
          receipt.detail());
    }
    return receipt;
  }

  private Receipt take(
      LlmProvider provider,
      String webhookId,
      byte[] body,
      Function<byte[], ProviderEvent> readEvent,
      Instant now) {
    ProviderEvent event;
    try {
      event = readEvent.apply(body);
    } catch (MalformedEventException e) {
      return new Receipt(ProviderWebhookOutcome.MALFORMED, e.getMessage());
    }
    if (!BATCH_EVENT_TYPES.contains(event.type())) {
      return new Receipt(
          ProviderWebhookOutcome.IGNORED_TYPE,
          "events of type " + event.type() + " do not concern Baton; ignored");
    }
    if (event.batchId() == null || event.batchId().isBlank()) {
      return new Receipt(
          ProviderWebhookOutcome.MALFORMED,
          "a " + event.type() + " event names no batch (data.id)");
    }
    forgetOldIds(now);
    ProviderEventReceipt recorded =
        inbox.recordProviderEvent(webhookId, now, provider, event.batchId());
    String batch =
        "batch " + event.batchId() + " (" + event.type() + ", webhook " + webhookId + ")";
    return switch (recorded) {
      case POLL_REQUESTED ->
          new Receipt(ProviderWebhookOutcome.ACCEPTED, batch + ": the leader polls it now");
      case ALREADY_FINAL ->
          new Receipt(ProviderWebhookOutcome.ACCEPTED, batch + ": it has its final status already");
      case UNKNOWN_BATCH ->
          new Receipt(ProviderWebhookOutcome.UNKNOWN_BATCH, batch + ": not tracked here; ignored");
      case REPLAYED ->
          new Receipt(ProviderWebhookOutcome.REPLAYED, batch + ": received before; ignored");
    };
  }

  /** At most once a minute per instance; a failure only delays it. */
  private void forgetOldIds(Instant now) {
    Instant last = lastForgotten.get();
    if (!last.equals(Instant.MIN) && now.isBefore(last.plus(FORGET_EVERY))) {
      return;
    }
    if (!lastForgotten.compareAndSet(last, now)) {
      return;
    }
    try {
      int forgotten = inbox.forgetProviderEventsBefore(now.minus(REPLAY_MEMORY));
      log.debug("Forgot {} provider webhook id(s) older than {}", forgotten, REPLAY_MEMORY);
    } catch (RuntimeException e) {
      log.warn("Forgetting old provider webhook ids failed: {}", e.toString());
    }
  }
}
