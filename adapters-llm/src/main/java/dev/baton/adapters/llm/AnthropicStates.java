package dev.baton.adapters.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.domain.BatchStatus;
import dev.baton.domain.LlmProvider;
import dev.baton.domain.ProviderBatchState;
import dev.baton.domain.ProviderItemResult;
import dev.baton.domain.ProviderRequestCounts;
import java.util.List;
import java.util.Optional;

/** Anthropic Message Batches in Baton's terms: the mapping tables of providers.md, in one place. */
final class AnthropicStates {
  private AnthropicStates() {}

  /**
   * A batch's {@code processing_status}; ended batches were cancelled if a cancel was asked for.
   */
  static Optional<BatchStatus> batchStatus(String processingStatus, boolean cancelInitiated) {
    return switch (processingStatus) {
      // canceling: requests already running may still succeed, so keep polling
      case "in_progress", "canceling" -> Optional.of(BatchStatus.RUNNING);
      case "ended" -> Optional.of(cancelInitiated ? BatchStatus.CANCELLED : BatchStatus.COMPLETED);
      default -> Optional.empty();
    };
  }

  /** A result line's {@code result.type}. */
  static Optional<BatchStatus> itemStatus(String resultType) {
    return switch (resultType) {
      case "succeeded" -> Optional.of(BatchStatus.COMPLETED);
      case "errored" -> Optional.of(BatchStatus.FAILED);
      case "canceled" -> Optional.of(BatchStatus.CANCELLED);
      case "expired" -> Optional.of(BatchStatus.EXPIRED);
      default -> Optional.empty();
    };
  }

  /**
   * Reads the body of {@code GET /v1/messages/batches/{id}}.
   *
   * @throws MalformedAnswerException when it is not a message batch
   */
  static ProviderBatchState batchState(String providerBatchId, String rawJson) {
    JsonNode batch = JsonLines.object(rawJson, "a message batch");
    String processingStatus = JsonLines.requiredText(batch, "processing_status");
    JsonNode counts = JsonLines.optionalObject(batch, "request_counts");
    if (counts == null) {
      throw new MalformedAnswerException("'request_counts' is missing");
    }
    JsonNode cancelInitiatedAt = batch.get("cancel_initiated_at");
    JsonNode resultsUrl = batch.get("results_url");
    return new ProviderBatchState(
        LlmProvider.ANTHROPIC,
        providerBatchId,
        processingStatus,
        batchStatus(processingStatus, cancelInitiatedAt != null && !cancelInitiatedAt.isNull()),
        new ProviderRequestCounts(
            JsonLines.count(counts, "processing"),
            JsonLines.count(counts, "succeeded"),
            JsonLines.count(counts, "errored"),
            JsonLines.count(counts, "canceled"),
            JsonLines.count(counts, "expired")),
        resultsUrl != null && resultsUrl.isTextual() ? List.of(resultsUrl.asText()) : List.of(),
        rawJson);
  }

  /** One line of a results file: {@code {"custom_id": …, "result": {"type": …, …}}}. */
  static ProviderItemResult itemResult(JsonNode line, String rawLine) {
    String customId = JsonLines.requiredText(line, "custom_id");
    JsonNode result = JsonLines.optionalObject(line, "result");
    if (result == null) {
      throw new MalformedAnswerException("'result' is missing");
    }
    String type = JsonLines.requiredText(result, "type");
    return new ProviderItemResult(customId, type, itemStatus(type), rawLine);
  }
}
