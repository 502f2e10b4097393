package dev.baton.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;

/** The Anthropic Message Batches wire format, as the simulated provider writes it. */
final class AnthropicWire {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Simulated batches live in a fixed past: the simulator reads no clock. */
  static final Instant CREATED_AT = Instant.parse("2025-01-01T00:00:00Z");

  private AnthropicWire() {}

  static String batch(SimulatedBatch batch, String state, String baseUrl) {
    boolean ended = "ended".equals(state);
    boolean cancelShown = batch.cancelInitiated() && ("canceling".equals(state) || ended);
    ObjectNode node = JSON.createObjectNode();
    node.put("id", batch.id());
    node.put("type", "message_batch");
    node.put("processing_status", state);
    ObjectNode counts = node.putObject("request_counts");
    counts.put("processing", ended ? 0 : batch.itemCount());
    counts.put(
        "succeeded",
        ended
            ? batch.countOf(SimulatedOutcome.SUCCEEDED) + batch.countOf(SimulatedOutcome.UNKNOWN)
            : 0);
    counts.put("errored", ended ? batch.countOf(SimulatedOutcome.FAILED) : 0);
    counts.put("canceled", ended ? batch.countOf(SimulatedOutcome.CANCELLED) : 0);
    counts.put("expired", ended ? batch.countOf(SimulatedOutcome.EXPIRED) : 0);
    putTime(node, "ended_at", ended ? CREATED_AT.plus(Duration.ofHours(1)) : null);
    putTime(node, "created_at", CREATED_AT);
    putTime(node, "expires_at", CREATED_AT.plus(Duration.ofHours(24)));
    node.putNull("archived_at");
    putTime(
        node, "cancel_initiated_at", cancelShown ? CREATED_AT.plus(Duration.ofMinutes(30)) : null);
    if (ended) {
      node.put("results_url", baseUrl + "/v1/messages/batches/" + batch.id() + "/results");
    } else {
      node.putNull("results_url");
    }
    return node.toString();
  }

  static String resultLine(SimulatedBatch batch, int index) {
    ObjectNode line = JSON.createObjectNode();
    line.put("custom_id", SimulatedBatch.customId(index));
    ObjectNode result = line.putObject("result");
    switch (batch.outcomeOf(index)) {
      case SUCCEEDED -> {
        result.put("type", "succeeded");
        ObjectNode message = result.putObject("message");
        message.put("id", "msg_sim_" + index);
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("model", "claude-simulated");
        message
            .putArray("content")
            .addObject()
            .put("type", "text")
            .put("text", SimulatedAnswers.text(index, batch.answerLength()));
        message.put("stop_reason", "end_turn");
        message.putNull("stop_sequence");
        message.putObject("usage").put("input_tokens", 12).put("output_tokens", 8);
      }
      case FAILED -> {
        result.put("type", "errored");
        ObjectNode error = result.putObject("error");
        error.put("type", "error");
        error
            .putObject("error")
            .put("type", "invalid_request_error")
            .put("message", "simulated invalid request " + index);
      }
      case CANCELLED -> result.put("type", "canceled");
      case EXPIRED -> result.put("type", "expired");
      case UNKNOWN -> result.put("type", "simulated_unknown_type");
    }
    return line.toString();
  }

  static String error(int status, String message, long requestNumber) {
    ObjectNode node = JSON.createObjectNode();
    node.put("type", "error");
    node.putObject("error").put("type", errorType(status)).put("message", message);
    node.put("request_id", "req_sim_" + requestNumber);
    return node.toString();
  }

  private static String errorType(int status) {
    return switch (status) {
      case 400 -> "invalid_request_error";
      case 401 -> "authentication_error";
      case 402 -> "billing_error";
      case 403 -> "permission_error";
      case 404 -> "not_found_error";
      case 413 -> "request_too_large";
      case 429 -> "rate_limit_error";
      case 529 -> "overloaded_error";
      default -> "api_error";
    };
  }

  private static void putTime(ObjectNode node, String field, Instant time) {
    if (time == null) {
      node.putNull(field);
    } else {
      node.put(field, time.toString());
    }
  }
}
