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
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Anthropic client against the simulated provider, over real HTTP. */
class AnthropicBatchProviderTest {
  @RegisterExtension final SimulatedProviderFixture fixture = new SimulatedProviderFixture();

  @ParameterizedTest(name = "{0} is reported as {1}")
  @CsvSource({"in_progress, RUNNING", "canceling, RUNNING", "ended, COMPLETED"})
  void reportsEachProcessingStatusWithItsBatonStatus(String state, BatchStatus expected) {
    fixture.simulator.add(SimulatedBatch.anthropic("msgbatch_1").states(state).items(3).build());

    ProviderBatchState batch = fixture.anthropic().retrieveBatch("msgbatch_1");

    assertThat(batch.provider()).isEqualTo(LlmProvider.ANTHROPIC);
    assertThat(batch.providerBatchId()).isEqualTo("msgbatch_1");
    assertThat(batch.providerState()).isEqualTo(state);
    assertThat(batch.batonStatus()).contains(expected);
  }

  @Test
  void reportsAnEndedBatchWhoseCancelWasAskedForAsCancelled() {
    fixture.simulator.add(
        SimulatedBatch.anthropic("msgbatch_1").states("ended").cancelInitiated().build());

    assertThat(fixture.anthropic().retrieveBatch("msgbatch_1").batonStatus())
        .contains(BatchStatus.CANCELLED);
  }

  @Test
  void reportsAnUnknownProcessingStatusAsUnknownWithTheProvidersWord() {
    fixture.simulator.add(SimulatedBatch.anthropic("msgbatch_1").states("archiving").build());

    ProviderBatchState batch = fixture.anthropic().retrieveBatch("msgbatch_1");

    assertThat(batch.isKnownState()).isFalse();
    assertThat(batch.batonStatus()).isEmpty();
    assertThat(batch.providerState()).isEqualTo("archiving");
    assertThat(batch.isTerminal()).isFalse();
  }

  @Test
  void keepsTheProvidersAnswerVerbatim() {
    fixture.simulator.add(SimulatedBatch.anthropic("msgbatch_1").items(2).build());

    String rawJson = fixture.anthropic().retrieveBatch("msgbatch_1").rawJson();

    // the simulator's field order and compact form: a re-serialised model would differ
    assertThat(rawJson)
        .startsWith(
            "{\"id\":\"msgbatch_1\",\"type\":\"message_batch\",\"processing_status\":\"in_progress\","
                + "\"request_counts\":{\"processing\":2,");
  }

  @Test
  void followsAScriptedBatchPollByPollAndOffersResultsOnceEnded() {
    fixture.simulator.add(
        SimulatedBatch.anthropic("msgbatch_1")
            .endsAfterPolls(2)
            .items(4, index -> index == 0 ? SimulatedOutcome.FAILED : SimulatedOutcome.SUCCEEDED)
            .build());

    ProviderBatchState first = fixture.anthropic().retrieveBatch("msgbatch_1");
    ProviderBatchState second = fixture.anthropic().retrieveBatch("msgbatch_1");
    ProviderBatchState third = fixture.anthropic().retrieveBatch("msgbatch_1");

    assertThat(List.of(first, second, third))
        .extracting(ProviderBatchState::batonStatus)
        .containsExactly(
            Optional.of(BatchStatus.RUNNING),
            Optional.of(BatchStatus.RUNNING),
            Optional.of(BatchStatus.COMPLETED));
    assertThat(second.hasResults()).isFalse();
    assertThat(second.requestCounts()).isEqualTo(new ProviderRequestCounts(4, 0, 0, 0, 0));
    assertThat(third.isTerminal()).isTrue();
    assertThat(third.resultSources())
        .containsExactly(
            fixture.simulator.anthropicBaseUrl() + "/v1/messages/batches/msgbatch_1/results");
    assertThat(third.requestCounts()).isEqualTo(new ProviderRequestCounts(0, 3, 1, 0, 0));
  }

  @Test
  void streamsEachResultTypeWithItsItemStatus() {
    List<ProviderItemResult> results =
        fixture.oneResultOfEachOutcome(
            SimulatedBatch.anthropic("msgbatch_1"), "ended", fixture.anthropic());

    assertThat(SimulatedProviderFixture.typesAndStatuses(results))
        .containsExactly(
            tuple("request-0", "succeeded", Optional.of(BatchStatus.COMPLETED)),
            tuple("request-1", "errored", Optional.of(BatchStatus.FAILED)),
            tuple("request-2", "canceled", Optional.of(BatchStatus.CANCELLED)),
            tuple("request-3", "expired", Optional.of(BatchStatus.EXPIRED)),
            tuple("request-4", "simulated_unknown_type", Optional.empty()));
    assertThat(results.get(0).rawJson())
        .startsWith("{\"custom_id\":\"request-0\",\"result\":{\"type\":\"succeeded\",\"message\":");
  }

  @Test
  void aBatchWithoutResultsYieldsNone() {
    fixture.simulator.add(SimulatedBatch.anthropic("msgbatch_1").items(3).build());
    ProviderBatchState running = fixture.anthropic().retrieveBatch("msgbatch_1");

    assertThat(fixture.anthropic().streamItemResults(running, result -> {})).isZero();
    assertThat(fixture.simulator.requests()).hasSize(1);
  }
}
