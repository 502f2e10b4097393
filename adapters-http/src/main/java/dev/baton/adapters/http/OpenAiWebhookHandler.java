package dev.baton.adapters.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.application.port.in.ProviderWebhookUseCase;
import dev.baton.application.port.in.ProviderWebhookUseCase.MalformedEventException;
import dev.baton.application.port.in.ProviderWebhookUseCase.ProviderEvent;
import dev.baton.domain.LlmProvider;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.Header;
import java.io.IOException;
import java.util.Locale;
import java.util.Objects;

/**
 * {@code POST /v1/providers/openai/webhooks}: OpenAI's own Standard Webhooks events, authenticated
 * by their signature alone (no bearer token). A verified event about a tracked batch makes the
 * leader poll it at once. 200 for every verified event, so OpenAI stops retrying it; 401 for a bad
 * signature or a stale timestamp; 400 for a body that is no event; 404 when no signing secret is
 * configured; 429, which OpenAI retries, over the rate limit.
 */
final class OpenAiWebhookHandler implements Handler {
  static final String PATH = "/v1/providers/openai/webhooks";

  /** OpenAI's events are well under a kilobyte: this leaves room and bounds a forged one. */
  static final long MAX_BODY_BYTES = 64 * 1024;

  static final String NOT_CONFIGURED_TYPE =
      "https://baton.dev/problems/provider-webhooks-not-configured";
  static final String REFUSED_TYPE = "https://baton.dev/problems/webhook-refused";

  private final ProviderWebhookUseCase webhooks;
  private final RequestBodyLimit bodyLimit = new RequestBodyLimit(MAX_BODY_BYTES);
  private final ObjectMapper json;

  OpenAiWebhookHandler(ProviderWebhookUseCase webhooks, ObjectMapper json) {
    this.webhooks = Objects.requireNonNull(webhooks, "webhooks");
    this.json = Objects.requireNonNull(json, "json");
  }

  @Override
  public void handle(Context ctx) {
    switch (webhooks.admit(LlmProvider.OPENAI)) {
      case NOT_CONFIGURED -> {
        bodyLimit.discardBody(ctx);
        throw new ProblemException(
            NOT_CONFIGURED_TYPE,
            404,
            "OpenAI webhooks not enabled",
            "This instance takes no OpenAI webhooks: BATON_OPENAI_WEBHOOK_SECRET is not set.");
      }
      case RATE_LIMITED -> {
        bodyLimit.discardBody(ctx);
        ctx.header(Header.RETRY_AFTER, "1");
        throw ProblemException.ofStatus(
            429, "More webhooks arrived than this instance takes a second; retry shortly.");
      }
      case ADMITTED -> {}
    }
    byte[] body = bodyLimit.readBody(ctx);
    ProviderWebhookUseCase.Receipt receipt =
        webhooks.receive(
            LlmProvider.OPENAI,
            name -> ctx.header(name.toLowerCase(Locale.ROOT)),
            body,
            this::readEvent);
    switch (receipt.outcome()) {
      case BAD_SIGNATURE, STALE_TIMESTAMP ->
          throw new ProblemException(
              REFUSED_TYPE, 401, "Webhook signature refused", receipt.detail() + ".");
      case MALFORMED ->
          throw ProblemResponses.invalidRequest(null, "Not an OpenAI event: " + receipt.detail());
      default -> ctx.json(new Answer(receipt.outcome().wireName(), receipt.detail()));
    }
  }

  /** What a verified webhook became; 200, whatever it was. */
  record Answer(String outcome, String detail) {}

  /**
   * {@code {"type": "batch.completed", "data": {"id": "batch_…"}, …}}; other members are ignored.
   */
  private ProviderEvent readEvent(byte[] body) {
    JsonNode event;
    try {
      event = json.readTree(body);
    } catch (JsonProcessingException e) {
      throw new MalformedEventException("the body is not JSON");
    } catch (IOException e) {
      throw new MalformedEventException("the body could not be read");
    }
    if (event == null || !event.isObject()) {
      throw new MalformedEventException("the body is not a JSON object");
    }
    JsonNode type = event.get("type");
    if (type == null || !type.isTextual() || type.asText().isBlank()) {
      throw new MalformedEventException("the event has no type");
    }
    JsonNode data = event.get("data");
    JsonNode id = data == null ? null : data.get("id");
    return new ProviderEvent(type.asText(), id != null && id.isTextual() ? id.asText() : null);
  }
}
