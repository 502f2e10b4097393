package dev.baton.adapters.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.core.ObjectMappers;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.models.batches.Batch;
import com.openai.models.batches.BatchRequestCounts;
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
   * Reads the body of {@code GET /v1/batches/{id}} with the SDK's model. A failed batch has no
   * results to read: its {@code errors} stay in the raw answer.
   *
   * @throws MalformedAnswerException when it is not a batch
   */
  static ProviderBatchState batchState(String providerBatchId, String rawJson) {
    try {
      Batch batch = ObjectMappers.jsonMapper().readValue(rawJson, Batch.class);
      String status = batch.status().asString();
      Optional<BatchStatus> batonStatus = batchStatus(status);
      List<String> resultFiles = new ArrayList<>(2);
      if (batonStatus.filter(s -> s != BatchStatus.FAILED).isPresent()) {
        batch.outputFileId().ifPresent(resultFiles::add);
        batch.errorFileId().ifPresent(resultFiles::add);
      }
      return new ProviderBatchState(
          LlmProvider.OPENAI,
          providerBatchId,
          status,
          batonStatus,
          batch.requestCounts().map(OpenAiStates::counts).orElse(ProviderRequestCounts.NONE),
          resultFiles,
          rawJson);
    } catch (JsonProcessingException | OpenAIInvalidDataException e) {
      throw new MalformedAnswerException("not a batch: " + e.getMessage(), e);
    }
  }

  private static ProviderRequestCounts counts(BatchRequestCounts counts) {
    long finished = counts.completed() + counts.failed();
    return new ProviderRequestCounts(
        Math.max(0, counts.total() - finished), counts.completed(), counts.failed(), 0, 0);
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
