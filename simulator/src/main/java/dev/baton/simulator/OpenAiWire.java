package dev.baton.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/** The OpenAI Batch wire format, as the simulated provider writes it. */
final class OpenAiWire {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long CREATED_AT = AnthropicWire.CREATED_AT.getEpochSecond();
  private static final Set<String> WITH_RESULTS = Set.of("completed", "expired", "cancelled");

  private OpenAiWire() {}

  static String outputFileId(String batchId) {
    return "file-out-" + batchId;
  }

  static String errorFileId(String batchId) {
    return "file-err-" + batchId;
  }

  /** Whether the request's line goes to the error file rather than the output file. */
  static boolean inErrorFile(SimulatedOutcome outcome) {
    return outcome != SimulatedOutcome.SUCCEEDED && outcome != SimulatedOutcome.UNKNOWN;
  }

  static String batch(SimulatedBatch batch, String state) {
    boolean withResults = WITH_RESULTS.contains(state);
    int output =
        batch.countOf(SimulatedOutcome.SUCCEEDED) + batch.countOf(SimulatedOutcome.UNKNOWN);
    int errors = batch.itemCount() - output;
    ObjectNode node = JSON.createObjectNode();
    node.put("id", batch.id());
    node.put("object", "batch");
    node.put("endpoint", "/v1/chat/completions");
    node.put("input_file_id", "file-in-" + batch.id());
    node.put("completion_window", "24h");
    node.put("status", state);
    if (withResults && output > 0) {
      node.put("output_file_id", outputFileId(batch.id()));
    } else {
      node.putNull("output_file_id");
    }
    if (withResults && errors > 0) {
      node.put("error_file_id", errorFileId(batch.id()));
    } else {
      node.putNull("error_file_id");
    }
    if ("failed".equals(state)) {
      node.putObject("errors")
          .put("object", "list")
          .putArray("data")
          .addObject()
          .put("code", "invalid_json_line")
          .put("message", "simulated: line 1 of the input file is not valid JSON")
          .put("line", 1)
          .putNull("param");
    } else {
      node.putNull("errors");
    }
    node.put("created_at", CREATED_AT);
    node.put("expires_at", CREATED_AT + 24 * 3600);
    if (!"validating".equals(state) && !"failed".equals(state)) {
      node.put("in_progress_at", CREATED_AT + 60);
    }
    if (!"in_progress".equals(state) && !"validating".equals(state)) {
      node.put(state + "_at", CREATED_AT + 3600);
    }
    ObjectNode counts = node.putObject("request_counts");
    counts.put("total", "failed".equals(state) ? 0 : batch.itemCount());
    counts.put("completed", withResults ? output : 0);
    counts.put("failed", withResults ? errors : 0);
    node.putNull("metadata");
    return node.toString();
  }

  static String resultLine(SimulatedBatch batch, int index) {
    ObjectNode line = JSON.createObjectNode();
    line.put("id", "batch_req_sim_" + index);
    line.put("custom_id", SimulatedBatch.customId(index));
    switch (batch.outcomeOf(index)) {
      case SUCCEEDED -> {
        ObjectNode response = line.putObject("response");
        response.put("status_code", 200);
        response.put("request_id", "req_sim_" + index);
        ObjectNode body = response.putObject("body");
        body.put("id", "chatcmpl-sim-" + index);
        body.put("object", "chat.completion");
        body.put("created", CREATED_AT + 120);
        body.put("model", "gpt-simulated");
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        choice
            .putObject("message")
            .put("role", "assistant")
            .put("content", SimulatedAnswers.text(index, batch.answerLength()));
        choice.put("finish_reason", "stop");
        body.putObject("usage")
            .put("prompt_tokens", 12)
            .put("completion_tokens", 8)
            .put("total_tokens", 20);
        line.putNull("error");
      }
      case FAILED -> {
        ObjectNode response = line.putObject("response");
        response.put("status_code", 400);
        response.put("request_id", "req_sim_" + index);
        response
            .putObject("body")
            .putObject("error")
            .put("message", "simulated invalid request " + index)
            .put("type", "invalid_request_error")
            .putNull("param")
            .putNull("code");
        line.putNull("error");
      }
      case CANCELLED -> {
        line.putNull("response");
        line.putObject("error")
            .put("code", "batch_cancelled")
            .put("message", "This request was not executed because the batch was cancelled.");
      }
      case EXPIRED -> {
        line.putNull("response");
        line.putObject("error")
            .put("code", "batch_expired")
            .put(
                "message",
                "This request could not be executed before the completion window expired.");
      }
      case UNKNOWN -> {
        line.putNull("response");
        line.putNull("error");
      }
    }
    return line.toString();
  }

  static String error(int status, String message) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode error = root.putObject("error");
    error.put("message", message);
    error.put(
        "type",
        status == 429 ? "requests" : status >= 500 ? "server_error" : "invalid_request_error");
    error.putNull("param");
    switch (status) {
      case 401 -> error.put("code", "invalid_api_key");
      case 404 -> error.put("code", "not_found");
      case 429 -> error.put("code", "rate_limit_exceeded");
      default -> error.putNull("code");
    }
    return root.toString();
  }
}
