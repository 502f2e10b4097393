package dev.baton.application;

import dev.baton.application.webhook.SecretRedaction;
import dev.baton.application.webhook.SendingCheck;
import dev.baton.application.webhook.StandardWebhooks;
import dev.baton.application.webhook.WebhookDestinationPolicy;
import dev.baton.domain.DeliveryAttempt;
import dev.baton.domain.DeliveryStatus;
import dev.baton.domain.FencedOutException;
import dev.baton.domain.WebhookAttemptOutcome;
import dev.baton.domain.WebhookDelivery;
import dev.baton.domain.port.ClockPort;
import dev.baton.domain.port.SchedulerEventsPort;
import dev.baton.domain.port.WebhookDeliveryPort;
import dev.baton.domain.port.WebhookSenderPort;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code deliver_webhooks}: sends the completion webhooks that are due, signed, each attempt
 * recorded on its row. 2xx delivers; 410 fails at once, as does a destination that resolves to a
 * refused address; any other answer, a timeout or a connection error is retried on {@link
 * WebhookRetrySchedule}. It runs every second on the leader and records a run only when something
 * was due ({@link #hasWork}).
 */
public final class DeliverWebhooksJob implements JobTask {
  private static final Logger log = LoggerFactory.getLogger(DeliverWebhooksJob.class);
  public static final String NAME = "deliver_webhooks";
  public static final Duration INTERVAL = Duration.ofSeconds(1);

  /** How long one attempt may take, the answer's headers and body together. */
  public static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** Due deliveries taken per run, per delivery in flight: the rest wait for the next second. */
  private static final int DUE_PER_SLOT = 4;

  private final WebhookDeliveryPort outbox;
  private final WebhookSenderPort sender;
  private final StandardWebhooks signer;
  private final WebhookDestinationPolicy destinations;
  private final WebhookRetrySchedule retries;
  private final SecretRedaction redaction;
  private final ExecutorService sends;
  private final int concurrency;
  private final ClockPort clock;
  private final SchedulerEventsPort events;

  /**
   * @param sends runs the attempts; at most {@code concurrency} threads, the attempts in flight
   */
  public DeliverWebhooksJob(
      WebhookDeliveryPort outbox,
      WebhookSenderPort sender,
      StandardWebhooks signer,
      WebhookDestinationPolicy destinations,
      WebhookRetrySchedule retries,
      SecretRedaction redaction,
      ExecutorService sends,
      int concurrency,
      ClockPort clock,
      SchedulerEventsPort events) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1: " + concurrency);
    }
    this.outbox = outbox;
    this.sender = sender;
    this.signer = signer;
    this.destinations = destinations;
    this.retries = retries;
    this.redaction = redaction;
    this.sends = sends;
    this.concurrency = concurrency;
    this.clock = clock;
    this.events = events;
  }

  /** The job: every second, no jitter, no timeout of its own (each attempt has one). */
  public JobDefinition definition() {
    return new JobDefinition(NAME, INTERVAL, Duration.ZERO, this);
  }

  @Override
  public boolean hasWork() {
    events.webhooksPending(outbox.countPending());
    return !outbox.due(clock.now(), 1).isEmpty();
  }

  @Override
  public void run(RunContext run) throws Exception {
    List<WebhookDelivery> due = outbox.due(clock.now(), concurrency * DUE_PER_SLOT);
    List<Future<WebhookAttemptOutcome>> attempts = new ArrayList<>();
    for (WebhookDelivery delivery : due) {
      attempts.add(sends.submit(() -> attempt(run.term(), delivery)));
    }
    Map<WebhookAttemptOutcome, Integer> outcomes = new EnumMap<>(WebhookAttemptOutcome.class);
    try {
      for (Future<WebhookAttemptOutcome> attempt : attempts) {
        outcomes.merge(attempt.get(), 1, Integer::sum);
      }
    } catch (InterruptedException e) {
      attempts.forEach(attempt -> attempt.cancel(true));
      throw e;
    } catch (ExecutionException e) {
      attempts.forEach(attempt -> attempt.cancel(true));
      if (e.getCause() instanceof FencedOutException fenced) {
        throw fenced;
      }
      throw e;
    }
    events.webhooksPending(outbox.countPending());
    log.info(
        "Attempted {} webhook deliveries: {} delivered, {} to retry, {} failed",
        due.size(),
        outcomes.getOrDefault(WebhookAttemptOutcome.DELIVERED, 0),
        outcomes.getOrDefault(WebhookAttemptOutcome.RETRIED, 0),
        outcomes.getOrDefault(WebhookAttemptOutcome.FAILED, 0));
  }

  /** One attempt of one delivery, recorded fenced by {@code term}. */
  private WebhookAttemptOutcome attempt(long term, WebhookDelivery delivery)
      throws InterruptedException {
    Instant at = clock.now();
    Result result = send(delivery, at);
    DeliveryStatus status;
    Instant next = null;
    String error = result.error();
    if (result.delivered()) {
      status = DeliveryStatus.DELIVERED;
    } else if (result.givenUp()) {
      status = DeliveryStatus.FAILED;
    } else {
      Optional<Instant> retry =
          retries.nextAttempt(
              delivery.attempts() + 1, delivery.createdAt(), at, result.retryAfter());
      status = retry.isPresent() ? DeliveryStatus.PENDING : DeliveryStatus.FAILED;
      next = retry.orElse(null);
      if (retry.isEmpty()) {
        error =
            error
                + "; given up "
                + WebhookRetrySchedule.GIVE_UP_AFTER.toHours()
                + " h after the event";
      }
    }
    outbox.recordAttempt(
        term,
        new DeliveryAttempt(
            delivery.id(),
            at,
            result.statusCode(),
            error == null ? null : redaction.redact(error),
            status,
            next));
    WebhookAttemptOutcome outcome =
        switch (status) {
          case DELIVERED -> WebhookAttemptOutcome.DELIVERED;
          case PENDING -> WebhookAttemptOutcome.RETRIED;
          case FAILED -> WebhookAttemptOutcome.FAILED;
        };
    events.webhookAttempted(outcome);
    if (outcome != WebhookAttemptOutcome.DELIVERED) {
      log.warn(
          "Webhook {} of batch {} ({}) not delivered ({}): {}",
          delivery.eventId(),
          delivery.batchId(),
          delivery.eventType(),
          outcome.wireName(),
          error == null ? null : redaction.redact(error));
    }
    return outcome;
  }

  /**
   * What an attempt came to.
   *
   * @param givenUp whether a failure is final: no retry
   */
  private record Result(
      boolean delivered,
      boolean givenUp,
      Integer statusCode,
      Optional<String> retryAfter,
      String error) {}

  private Result send(WebhookDelivery delivery, Instant at) throws InterruptedException {
    SendingCheck check = destinations.checkBeforeSending(delivery.url());
    switch (check.verdict()) {
      case REFUSED:
        return new Result(
            false, true, null, Optional.empty(), "destination refused: " + check.reason());
      case UNRESOLVED:
        return new Result(false, false, null, Optional.empty(), check.reason());
      case ALLOWED:
      default:
        break;
    }
    byte[] body = delivery.payload().getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers =
        new LinkedHashMap<>(signer.sign(delivery.eventId(), at, body).asMap());
    headers.put("content-type", "application/json");
    WebhookSenderPort.Answer answer = sender.send(check.uri(), headers, body, TIMEOUT);
    if (answer.statusCode().isEmpty()) {
      return new Result(false, false, null, Optional.empty(), answer.error());
    }
    int code = answer.statusCode().get();
    if (code >= 200 && code < 300) {
      return new Result(true, false, code, Optional.empty(), null);
    }
    if (code == 410) {
      return new Result(false, true, code, Optional.empty(), "HTTP 410: the receiver is gone");
    }
    return new Result(false, false, code, answer.retryAfter(), "HTTP " + code);
  }
}
