package dev.baton.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.domain.BatchStatus;
import dev.baton.domain.LlmBatchJob;
import dev.baton.domain.LlmProvider;
import dev.baton.domain.PollRequest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PollQueueTest {
  private static final Instant T0 = Instant.parse("2026-11-28T22:00:00Z");
  private final LlmBatchJob a = batch(1);
  private final LlmBatchJob b = batch(2);
  private final LlmBatchJob c = batch(3);

  private static LlmBatchJob batch(long id) {
    return new LlmBatchJob(
        id, LlmProvider.OPENAI, "batch_" + id, BatchStatus.RUNNING, T0, null, null, null, null);
  }

  private static List<Long> drain(PollQueue queue) {
    return java.util.stream.IntStream.range(0, queue.size())
        .mapToObj(i -> queue.next())
        .map(entry -> entry.batch().id())
        .toList();
  }

  @Test
  void requestedBatchesComeFirstAndEachBatchOnce() {
    PollQueue queue = new PollQueue(List.of(new PollRequest(c, T0)), List.of(a, b, c));

    assertThat(queue.size()).isEqualTo(3);
    assertThat(drain(queue)).containsExactly(3L, 1L, 2L);
  }

  @Test
  void aRequestForAWaitingBatchMovesItAheadWithoutAnotherCall() {
    PollQueue queue = new PollQueue(List.of(), List.of(a, b, c));

    assertThat(queue.offer(List.of(new PollRequest(c, T0)))).isZero();

    PollQueue.Entry first = queue.next();
    assertThat(first.batch().id()).isEqualTo(3L);
    assertThat(first.requestedAt()).isEqualTo(T0);
  }

  @Test
  void aBatchPolledBeforeItsRequestIsPolledAgainButNotForARequestItServed() {
    PollQueue queue = new PollQueue(List.of(new PollRequest(a, T0)), List.of(b));
    PollQueue.Entry servedA = queue.next();
    PollQueue.Entry unrequestedB = queue.next();
    queue.done(servedA);
    queue.done(unrequestedB);

    assertThat(queue.offer(List.of(new PollRequest(a, T0), new PollRequest(b, T0)))).isEqualTo(1);
    assertThat(drain(queue)).containsExactly(2L);
    assertThat(queue.offer(List.of(new PollRequest(a, T0.plusSeconds(1))))).isEqualTo(1);
  }

  @Test
  void aBatchInFlightIsLeftToItsCall() {
    PollQueue queue = new PollQueue(List.of(), List.of(a));
    queue.next();

    assertThat(queue.offer(List.of(new PollRequest(a, T0)))).isZero();
    assertThat(queue.size()).isZero();
  }
}
