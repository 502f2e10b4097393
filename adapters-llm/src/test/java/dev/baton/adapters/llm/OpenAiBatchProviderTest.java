package dev.baton.adapters.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.baton.domain.BatchStatus;
import dev.baton.domain.LlmProvider;
import dev.baton.domain.ProviderBatchState;
import dev.baton.domain.ProviderItemResult;
import dev.baton.domain.ProviderRequestCounts;
import dev.baton.simulator.SimulatedBatch;
import dev.baton.simulator.SimulatedOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The OpenAI client against the simulated provider, over real HTTP. */
class OpenAiBatchProviderTest {
  @RegisterExtension final SimulatedProviderFixture fixture = new SimulatedProviderFixture();

  @ParameterizedTest(name = "{0} is reported as {1}")
  @MethodSource("dev.baton.adapters.llm.OpenAiStatesTest#statuses")
  void reportsEachStatusWithItsBatonStatus(String state, BatchStatus expected) {
    fixture.simulator.add(SimulatedBatch.openAi("batch_1").states(state).items(3).build());

    ProviderBatchState batch = fixture.openAi().retrieveBatch("batch_1");

    assertThat(batch.provider()).isEqualTo(LlmProvider.OPENAI);
    assertThat(batch.providerState()).isEqualTo(state);
    assertThat(batch.batonStatus()).contains(expected);
  }

  @Test
  void reportsAnUnknownStatusAsUnknownWithTheProvidersWord() {
    fixture.simulator.add(SimulatedBatch.openAi("batch_1").states("paused").build());

    ProviderBatchState batch = fixture.openAi().retrieveBatch("batch_1");

    assertThat(batch.batonStatus()).isEmpty();
    assertThat(batch.providerState()).isEqualTo("paused");
  }

  @Test
  void aFailedBatchHasNoResultsAndKeepsItsErrorsInTheRawAnswer() {
    fixture.simulator.add(SimulatedBatch.openAi("batch_1").states("failed").items(3).build());

    ProviderBatchState batch = fixture.openAi().retrieveBatch("batch_1");

    assertThat(batch.batonStatus()).contains(BatchStatus.FAILED);
    assertThat(batch.hasResults()).isFalse();
    assertThat(batch.rawJson()).contains("\"errors\":{\"object\":\"list\",\"data\":[");
    assertThat(fixture.openAi().streamItemResults(batch, result -> {})).isZero();
    assertThat(fixture.simulator.requests()).hasSize(1);
  }

  @Test
  void keepsTheProvidersAnswerVerbatim() {
    fixture.simulator.add(SimulatedBatch.openAi("batch_1").items(2).build());

    assertThat(fixture.openAi().retrieveBatch("batch_1").rawJson())
        .startsWith(
            "{\"id\":\"batch_1\",\"object\":\"batch\",\"endpoint\":\"/v1/chat/completions\",");
  }

  @Test
  void followsAScriptedBatchPollByPollAndNamesBothResultFilesOnceCompleted() {
    fixture.simulator.add(
        SimulatedBatch.openAi("batch_1")
            .states("validating", "in_progress", "finalizing", "completed")
            .items(4, index -> index == 0 ? SimulatedOutcome.EXPIRED : SimulatedOutcome.SUCCEEDED)
            .build());

    List<ProviderBatchState> polls = new ArrayList<>();
    for (int poll = 0; poll < 4; poll++) {
      polls.add(fixture.openAi().retrieveBatch("batch_1"));
    }

    assertThat(polls)
        .extracting(ProviderBatchState::providerState)
        .containsExactly("validating", "in_progress", "finalizing", "completed");
    assertThat(polls.get(2).hasResults()).isFalse();
    ProviderBatchState completed = polls.get(3);
    assertThat(completed.resultSources()).containsExactly("file-out-batch_1", "file-err-batch_1");
    assertThat(completed.requestCounts()).isEqualTo(new ProviderRequestCounts(0, 3, 1, 0, 0));
  }

  @Test
  void streamsTheOutputFileThenTheErrorFileWithEachItemStatus() {
    List<ProviderItemResult> results =
        fixture.oneResultOfEachOutcome(
            SimulatedBatch.openAi("batch_1"), "completed", fixture.openAi());

    assertThat(SimulatedProviderFixture.typesAndStatuses(results))
        .containsExactly(
            // output file
            tuple("request-0", "200", Optional.of(BatchStatus.COMPLETED)),
            tuple("request-4", "no_outcome", Optional.empty()),
            // error file
            tuple("request-1", "400", Optional.of(BatchStatus.FAILED)),
            tuple("request-2", "batch_cancelled", Optional.of(BatchStatus.FAILED)),
            tuple("request-3", "batch_expired", Optional.of(BatchStatus.EXPIRED)));
  }

  @Test
  void anExpiredBatchKeepsItsFinishedRequestsAndMarksTheRestExpired() {
    fixture.simulator.add(
        SimulatedBatch.openAi("batch_1")
            .states("expired")
            .items(4, index -> index < 2 ? SimulatedOutcome.SUCCEEDED : SimulatedOutcome.EXPIRED)
            .build());
    ProviderBatchState batch = fixture.openAi().retrieveBatch("batch_1");
    List<ProviderItemResult> results = new ArrayList<>();

    fixture.openAi().streamItemResults(batch, results::add);

    assertThat(batch.batonStatus()).contains(BatchStatus.EXPIRED);
    assertThat(results)
        .extracting(result -> result.itemStatus().orElseThrow())
        .containsExactly(
            BatchStatus.COMPLETED, BatchStatus.COMPLETED, BatchStatus.EXPIRED, BatchStatus.EXPIRED);
  }
}
