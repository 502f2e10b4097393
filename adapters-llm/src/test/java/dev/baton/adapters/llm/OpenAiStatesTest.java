package dev.baton.adapters.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.domain.BatchStatus;
import dev.baton.domain.ProviderItemResult;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class OpenAiStatesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Every status OpenAI documents and the Baton status it maps to; the client test uses it too. */
  static Stream<Arguments> statuses() {
    return Stream.of(
        Arguments.of("validating", BatchStatus.RUNNING),
        Arguments.of("in_progress", BatchStatus.RUNNING),
        Arguments.of("finalizing", BatchStatus.RUNNING),
        Arguments.of("cancelling", BatchStatus.RUNNING),
        Arguments.of("completed", BatchStatus.COMPLETED),
        Arguments.of("expired", BatchStatus.EXPIRED),
        Arguments.of("cancelled", BatchStatus.CANCELLED),
        Arguments.of("failed", BatchStatus.FAILED));
  }

  @ParameterizedTest(name = "{0} maps to {1}")
  @MethodSource("statuses")
  void eachStatusMapsToItsBatonStatus(String status, BatchStatus expected) {
    assertThat(OpenAiStates.batchStatus(status)).contains(expected);
  }

  @Test
  void anUnknownStatusMapsToNothingRatherThanAGuess() {
    assertThat(OpenAiStates.batchStatus("paused")).isEmpty();
  }

  @ParameterizedTest(name = "{0} maps to {1}")
  @CsvSource({
    "'{\"custom_id\":\"a\",\"response\":{\"status_code\":200},\"error\":null}', 200, COMPLETED",
    "'{\"custom_id\":\"a\",\"response\":{\"status_code\":201},\"error\":null}', 201, COMPLETED",
    "'{\"custom_id\":\"a\",\"response\":{\"status_code\":400},\"error\":null}', 400, FAILED",
    "'{\"custom_id\":\"a\",\"response\":{\"status_code\":500},\"error\":null}', 500, FAILED",
    "'{\"custom_id\":\"a\",\"response\":null,\"error\":{\"code\":\"batch_expired\"}}', batch_expired,"
        + " EXPIRED",
    "'{\"custom_id\":\"a\",\"response\":null,\"error\":{\"code\":\"server_error\"}}', server_error,"
        + " FAILED",
    "'{\"custom_id\":\"a\",\"response\":null,\"error\":{\"message\":\"no code\"}}', error, FAILED"
  })
  void eachResultLineMapsToItsItemStatus(String line, String type, BatchStatus expected)
      throws Exception {
    ProviderItemResult result = OpenAiStates.itemResult(JSON.readTree(line), line);

    assertThat(result.customId()).isEqualTo("a");
    assertThat(result.providerResultType()).isEqualTo(type);
    assertThat(result.itemStatus()).contains(expected);
    assertThat(result.rawJson()).isEqualTo(line);
  }

  @Test
  void anErrorWinsOverAResponse() throws Exception {
    String line =
        "{\"custom_id\":\"a\",\"response\":{\"status_code\":200},\"error\":{\"code\":\"batch_expired\"}}";

    assertThat(OpenAiStates.itemResult(JSON.readTree(line), line).itemStatus())
        .contains(BatchStatus.EXPIRED);
  }

  @Test
  void aLineWithNeitherResponseNorErrorMapsToNothing() throws Exception {
    String line = "{\"custom_id\":\"a\",\"response\":null,\"error\":null}";

    ProviderItemResult result = OpenAiStates.itemResult(JSON.readTree(line), line);

    assertThat(result.itemStatus()).isEmpty();
    assertThat(result.providerResultType()).isEqualTo("no_outcome");
  }

  @Test
  void aLineWithoutCustomIdIsMalformed() throws Exception {
    String line = "{\"response\":{\"status_code\":200},\"error\":null}";

    assertThatThrownBy(() -> OpenAiStates.itemResult(JSON.readTree(line), line))
        .isInstanceOf(MalformedAnswerException.class);
  }

  @Test
  void aBatchAnswerWithoutStatusIsMalformed() {
    assertThatThrownBy(() -> OpenAiStates.batchState("batch_1", "{\"id\":\"batch_1\"}"))
        .isInstanceOf(MalformedAnswerException.class);
  }
}
