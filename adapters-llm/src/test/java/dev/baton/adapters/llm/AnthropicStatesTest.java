package dev.baton.adapters.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.domain.BatchStatus;
import dev.baton.domain.ProviderItemResult;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnthropicStatesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest(name = "{0} maps to {1}")
  @CsvSource({"in_progress, RUNNING", "canceling, RUNNING", "ended, COMPLETED"})
  void eachProcessingStatusMapsToItsBatonStatus(String processingStatus, BatchStatus expected) {
    assertThat(AnthropicStates.batchStatus(processingStatus, false)).contains(expected);
  }

  @Test
  void anEndedBatchWhoseCancelWasAskedForIsCancelled() {
    assertThat(AnthropicStates.batchStatus("ended", true)).contains(BatchStatus.CANCELLED);
  }

  @Test
  void aCancelStillRunningKeepsTheBatchRunning() {
    assertThat(AnthropicStates.batchStatus("canceling", true)).contains(BatchStatus.RUNNING);
  }

  @Test
  void anUnknownProcessingStatusMapsToNothingRatherThanAGuess() {
    assertThat(AnthropicStates.batchStatus("archiving", false)).isEmpty();
    assertThat(AnthropicStates.batchStatus("ENDED", false)).isEmpty();
  }

  @ParameterizedTest(name = "{0} maps to {1}")
  @CsvSource({"succeeded, COMPLETED", "errored, FAILED", "canceled, CANCELLED", "expired, EXPIRED"})
  void eachResultTypeMapsToItsItemStatus(String resultType, BatchStatus expected) {
    assertThat(AnthropicStates.itemStatus(resultType)).contains(expected);
  }

  @Test
  void anUnknownResultTypeMapsToNothingButKeepsTheLine() throws Exception {
    String line = "{\"custom_id\":\"a\",\"result\":{\"type\":\"deferred\"}}";

    ProviderItemResult result = AnthropicStates.itemResult(JSON.readTree(line), line);

    assertThat(result.customId()).isEqualTo("a");
    assertThat(result.providerResultType()).isEqualTo("deferred");
    assertThat(result.itemStatus()).isEqualTo(Optional.empty());
    assertThat(result.rawJson()).isEqualTo(line);
  }

  @Test
  void aResultLineWithoutCustomIdOrTypeIsMalformed() throws Exception {
    String noCustomId = "{\"result\":{\"type\":\"succeeded\"}}";
    String noType = "{\"custom_id\":\"a\",\"result\":{}}";

    assertThatThrownBy(() -> AnthropicStates.itemResult(JSON.readTree(noCustomId), noCustomId))
        .isInstanceOf(MalformedAnswerException.class);
    assertThatThrownBy(() -> AnthropicStates.itemResult(JSON.readTree(noType), noType))
        .isInstanceOf(MalformedAnswerException.class);
  }

  @Test
  void aBatchAnswerWithoutProcessingStatusIsMalformed() {
    assertThatThrownBy(() -> AnthropicStates.batchState("msgbatch_1", "{\"id\":\"msgbatch_1\"}"))
        .isInstanceOf(MalformedAnswerException.class);
    assertThatThrownBy(() -> AnthropicStates.batchState("msgbatch_1", "{\"id\": \"msgb"))
        .isInstanceOf(MalformedAnswerException.class);
  }
}
