package dev.baton.adapters.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.domain.BatchStatus;
import dev.baton.domain.LlmProvider;
import dev.baton.domain.ProviderBatchState;
import dev.baton.domain.ProviderItemResult;
import dev.baton.domain.ProviderRequestCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** OpenAI Batch in Baton's terms: the mapping tables of providers.md, in one place. */
final class OpenAiStates {
  private OpenAiStates() {}

  /** A batch's {@code status}. */
  static Optional<BatchStatus> batchStatus(String status) {
    return switch (status) {
      // cancelling: partial results may still come, so keep polling
      case "validating", "in_progress", "finalizing", "cancelling" ->
          Optional.of(BatchStatus.RUNNING);
      case "completed" -> Optional.of(BatchStatus.COMPLETED);
      case "expired" -> Optional.of(BatchStatus.EXPIRED);
      case "cancelled" -> Optional.of(BatchStatus.CANCELLED);
      case "failed" -> Optional.of(BatchStatus.FAILED);
      default -> Optional.empty();
    };
  }

  /**
   * A result line's outcome: its {@code error} when there is one, else its response's status code.
   */
  static Optional<BatchStatus> itemStatus(String errorCode, Integer responseStatusCode) {
    if (errorCode != null) {
      return Optional.of(
          "batch_expired".equals(errorCode) ? BatchStatus.EXPIRED : BatchStatus.FAILED);
    }
    if (responseStatusCode != null) {
      return Optional.of(
          responseStatusCode >= 200 && responseStatusCode < 300
              ? BatchStatus.COMPLETED
              : BatchStatus.FAILED);
    }
    return Optional.empty();
  }

  /**
   * Reads the body of {@code GET /v1/batches/{id}}. A failed batch has no results to read: its
   * {@code errors} stay in the raw answer.
   *
   * @throws MalformedAnswerException when it is not a batch
   */
  static ProviderBatchState batchState(String providerBatchId, String rawJson) {
    JsonNode batch = JsonLines.object(rawJson, "a batch");
    String status = JsonLines.requiredText(batch, "status");
    Optional<BatchStatus> batonStatus = batchStatus(status);
    List<String> resultFiles = new ArrayList<>(2);
    if (batonStatus.filter(s -> s != BatchStatus.FAILED).isPresent()) {
      optionalText(batch, "output_file_id").ifPresent(resultFiles::add);
      optionalText(batch, "error_file_id").ifPresent(resultFiles::add);
    }
    JsonNode counts = JsonLines.optionalObject(batch, "request_counts");
    return new ProviderBatchState(
        LlmProvider.OPENAI,
        providerBatchId,
        status,
        batonStatus,
        counts == null ? ProviderRequestCounts.NONE : counts(counts),
        resultFiles,
        rawJson);
  }

  private static ProviderRequestCounts counts(JsonNode counts) {
    long completed = JsonLines.count(counts, "completed");
    long failed = JsonLines.count(counts, "failed");
    long total = JsonLines.count(counts, "total");
    return new ProviderRequestCounts(
        Math.max(0, total - completed - failed), completed, failed, 0, 0);
  }

  private static Optional<String> optionalText(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw new MalformedAnswerException("'" + field + "' is not a string");
    }
    return Optional.of(value.asText());
  }

  /**
   * One line of an output or error file: {@code {"custom_id": …, "response": {"status_code": …} |
   * null, "error": {"code": …} | null}}.
   */
  static ProviderItemResult itemResult(JsonNode line, String rawLine) {
    String customId = JsonLines.requiredText(line, "custom_id");
    JsonNode error = JsonLines.optionalObject(line, "error");
    JsonNode response = JsonLines.optionalObject(line, "response");
    String errorCode = null;
    if (error != null) {
      JsonNode code = error.get("code");
      errorCode = code != null && code.isTextual() ? code.asText() : "error";
    }
    Integer statusCode = null;
    if (response != null && response.get("status_code") != null) {
      JsonNode code = response.get("status_code");
      if (!code.isInt()) {
        throw new MalformedAnswerException("'response.status_code' is not a number");
      }
      statusCode = code.asInt();
    }
    String type =
        errorCode != null ? errorCode : statusCode != null ? statusCode.toString() : "no_outcome";
    return new ProviderItemResult(customId, type, itemStatus(errorCode, statusCode), rawLine);
  }
}
