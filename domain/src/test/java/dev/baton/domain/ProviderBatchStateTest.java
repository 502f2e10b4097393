package dev.baton.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProviderBatchStateTest {

  @Test
  void onlyAKnownTerminalStateIsTerminal() {
    assertThat(state(Optional.of(BatchStatus.COMPLETED)).isTerminal()).isTrue();
    assertThat(state(Optional.of(BatchStatus.FAILED)).isTerminal()).isTrue();
    assertThat(state(Optional.of(BatchStatus.RUNNING)).isTerminal()).isFalse();
    assertThat(state(Optional.empty()).isTerminal()).isFalse();
    assertThat(state(Optional.empty()).isKnownState()).isFalse();
  }

  @Test
  void requestCountsAddUpAndCountFinishedRequests() {
    ProviderRequestCounts counts = new ProviderRequestCounts(1, 2, 3, 4, 5);

    assertThat(counts.total()).isEqualTo(15);
    assertThat(counts.finished()).isEqualTo(14);
    assertThatThrownBy(() -> new ProviderRequestCounts(-1, 0, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static ProviderBatchState state(Optional<BatchStatus> status) {
    return new ProviderBatchState(
        LlmProvider.OPENAI,
        "batch_1",
        "whatever",
        status,
        ProviderRequestCounts.NONE,
        List.of(),
        "{}");
  }
}
