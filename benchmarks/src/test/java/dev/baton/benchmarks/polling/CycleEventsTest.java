package dev.baton.benchmarks.polling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.domain.JobRunOutcome;
import dev.baton.domain.LlmProvider;
import dev.baton.domain.PollCycleSummary;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CycleEventsTest {
  private final CycleEvents events = new CycleEvents();

  private static PollCycleSummary summary(Duration took) {
    return new PollCycleSummary(
        took,
        Duration.ofMillis(3),
        1,
        0,
        0,
        List.of(new PollCycleSummary.PolledBatch(LlmProvider.OPENAI, "in_progress")));
  }

  @Test
  void aCycleEndsWithTheJobsSummaryAndStartedItsDurationBefore() throws Exception {
    events.pollCycleCompleted(summary(Duration.ofMillis(250)));

    CycleEvents.CycleEnd end = events.next(Duration.ZERO);

    assertThat(end.summary().batches()).isEqualTo(1);
    assertThat(end.endNanos() - end.startNanos()).isEqualTo(250_000_000L);
  }

  @Test
  void aFailedRunOfThePollingJobEndsTheWait() {
    events.jobRunFinished("probe", JobRunOutcome.FAILED, Duration.ofMillis(3));
    events.jobRunFinished(CycleEvents.POLL_JOB, JobRunOutcome.SUCCEEDED, Duration.ofMillis(3));
    events.jobRunFinished(CycleEvents.POLL_JOB, JobRunOutcome.FAILED, Duration.ofMillis(3));

    assertThatThrownBy(() -> events.next(Duration.ZERO))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("a run of poll_llm_batches ended failed");
  }

  @Test
  void noCycleWithinThePatienceIsAnError() {
    assertThatThrownBy(() -> events.next(Duration.ZERO))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("no poll cycle ended");
  }

  @Test
  void clearForgetsTheCyclesThatEndedBefore() {
    events.pollCycleCompleted(summary(Duration.ofMillis(10)));
    events.clear();

    assertThatThrownBy(() -> events.next(Duration.ZERO)).isInstanceOf(IllegalStateException.class);
  }
}
