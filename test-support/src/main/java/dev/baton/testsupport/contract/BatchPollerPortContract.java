package dev.baton.testsupport.contract;

import static dev.baton.testsupport.contract.BatchTrackingPortContract.result;
import static dev.baton.testsupport.contract.BatchTrackingPortContract.resultLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.baton.domain.BatchPollUpdate;
import dev.baton.domain.BatchStatus;
import dev.baton.domain.FencedOutException;
import dev.baton.domain.ItemResultUpdate;
import dev.baton.domain.LlmBatchItem;
import dev.baton.domain.LlmBatchJob;
import dev.baton.domain.LlmProvider;
import dev.baton.domain.NewBatch;
import dev.baton.domain.TrackedBatch;
import dev.baton.domain.WebhookEvents;
import dev.baton.domain.port.BatchPollerPort;
import dev.baton.domain.port.BatchTrackingPort;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What every {@link BatchPollerPort} backend must do. A backend's test class extends this one; each
 * test starts on an empty store. Batches are created through the same backend's {@link
 * BatchTrackingPort}. JSON is spelled as PostgreSQL prints {@code jsonb}, since a backend may store
 * it so and give it back normalised.
 */
public abstract class BatchPollerPortContract {
  private static final Instant T0 = Instant.parse("2026-11-27T00:41:08.123Z");
  private static final Instant LONG_AGO = T0.minus(Duration.ofDays(365));
  private static final String IN_PROGRESS = "{\"processing_status\": \"in_progress\"}";
  private static final String ENDED = "{\"processing_status\": \"ended\"}";

  /** The poller port on this test's store. */
  protected abstract BatchPollerPort poller();

  /** The tracking port on the same store. */
  protected abstract BatchTrackingPort tracking();

  /** Makes a new term the current one, as a new leader's grant does, and returns it. */
  protected abstract long grantNewTerm();

  @Test
  void runningBatchesComeNeverPolledFirstThenOldestPollFirst() {
    LlmBatchJob b1 = create("b1", 1);
    LlmBatchJob b2 = create("b2", 1);
    LlmBatchJob b3 = create("b3", 1);
    LlmBatchJob b4 = create("b4", 1);
    poller()
        .recordPolls(
            grantNewTerm(),
            List.of(
                new BatchPollUpdate(b1.id(), T0.plusSeconds(20), IN_PROGRESS, null),
                new BatchPollUpdate(b3.id(), T0.plusSeconds(10), IN_PROGRESS, null)));

    assertThat(poller().listRunningBatches(LONG_AGO, OptionalInt.empty()))
        .extracting(LlmBatchJob::id)
        .containsExactly(b2.id(), b4.id(), b3.id(), b1.id());
  }

  @Test
  void aLimitRotatesThroughAllRunningBatches() {
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(create("b" + i, 1).id());
    }
    long term = grantNewTerm();
    List<List<Long>> cycles = new ArrayList<>();
    for (int cycle = 1; cycle <= 3; cycle++) {
      List<LlmBatchJob> due = poller().listRunningBatches(LONG_AGO, OptionalInt.of(2));
      cycles.add(due.stream().map(LlmBatchJob::id).toList());
      Instant polledAt = T0.plusSeconds(cycle);
      poller()
          .recordPolls(
              term,
              due.stream()
                  .map(batch -> new BatchPollUpdate(batch.id(), polledAt, IN_PROGRESS, null))
                  .toList());
    }

    assertThat(cycles)
        .containsExactly(
            List.of(ids.get(0), ids.get(1)),
            List.of(ids.get(2), ids.get(3)),
            List.of(ids.get(4), ids.get(0)));
  }

  @Test
  void onlyBatchesCreatedAfterTheCutoffAreListed() {
    Instant cutoff = T0.minus(Duration.ofDays(14));
    create("too_old", 1, cutoff.minusSeconds(1));
    create("at_the_cutoff", 1, cutoff);
    LlmBatchJob recent = create("recent", 1, cutoff.plusMillis(1));

    assertThat(poller().listRunningBatches(cutoff, OptionalInt.empty()))
        .extracting(LlmBatchJob::id)
        .containsExactly(recent.id());
  }

  @Test
  void batchesWithTheirFinalStatusAreNotListed() {
    LlmBatchJob running = create("running", 1);
    LlmBatchJob done = create("done", 1);
    poller().completeBatch(grantNewTerm(), done.id(), List.of(), BatchStatus.EXPIRED, T0, ENDED);

    assertThat(poller().listRunningBatches(LONG_AGO, OptionalInt.empty()))
        .extracting(LlmBatchJob::id)
        .containsExactly(running.id());
  }

  @Test
  void aSuccessfulPollRecordsTheAnswerAndClearsAnEarlierError() {
    LlmBatchJob job = create("b1", 1);
    long term = grantNewTerm();
    poller()
        .recordPolls(
            term, List.of(new BatchPollUpdate(job.id(), T0.plusSeconds(1), null, "HTTP 503")));

    poller()
        .recordPolls(
            term, List.of(new BatchPollUpdate(job.id(), T0.plusSeconds(2), IN_PROGRESS, null)));

    LlmBatchJob polled = find(job.id()).batch();
    assertThat(polled.lastPolledAt()).isEqualTo(T0.plusSeconds(2));
    assertThat(polled.latestPollResponse()).isEqualTo(IN_PROGRESS);
    assertThat(polled.pollError()).isNull();
    assertThat(polled.status()).isEqualTo(BatchStatus.RUNNING);
  }

  @Test
  void aFailedPollRecordsTheErrorAndKeepsThePreviousAnswer() {
    LlmBatchJob job = create("b1", 1);
    long term = grantNewTerm();
    poller()
        .recordPolls(
            term, List.of(new BatchPollUpdate(job.id(), T0.plusSeconds(1), IN_PROGRESS, null)));

    poller()
        .recordPolls(
            term,
            List.of(new BatchPollUpdate(job.id(), T0.plusSeconds(2), null, "HTTP 429, gave up")));

    LlmBatchJob polled = find(job.id()).batch();
    assertThat(polled.lastPolledAt()).isEqualTo(T0.plusSeconds(2));
    assertThat(polled.latestPollResponse()).isEqualTo(IN_PROGRESS);
    assertThat(polled.pollError()).isEqualTo("HTTP 429, gave up");
    assertThat(polled.status()).isEqualTo(BatchStatus.RUNNING);
  }

  @Test
  void oneCallRecordsTheWholeCycle() {
    LlmBatchJob ok = create("ok", 1);
    LlmBatchJob failing = create("failing", 1);
    LlmBatchJob untouched = create("untouched", 1);

    poller()
        .recordPolls(
            grantNewTerm(),
            List.of(
                new BatchPollUpdate(ok.id(), T0.plusSeconds(1), IN_PROGRESS, null),
                new BatchPollUpdate(failing.id(), T0.plusSeconds(2), null, "timed out")));

    assertThat(find(ok.id()).batch().latestPollResponse()).isEqualTo(IN_PROGRESS);
    assertThat(find(ok.id()).batch().lastPolledAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(find(failing.id()).batch().pollError()).isEqualTo("timed out");
    assertThat(find(failing.id()).batch().lastPolledAt()).isEqualTo(T0.plusSeconds(2));
    assertThat(find(untouched.id()).batch()).isEqualTo(untouched);
  }

  @Test
  void recordingNoPollsWritesNothing() {
    LlmBatchJob job = create("b1", 1);

    poller().recordPolls(grantNewTerm(), List.of());

    assertThat(find(job.id()).batch()).isEqualTo(job);
  }

  @Test
  void aBatchWithItsFinalStatusIsNeverTouchedByAPollAgain() {
    LlmBatchJob job = create("b1", 1);
    long term = grantNewTerm();
    complete(
        term,
        job,
        BatchStatus.COMPLETED,
        T0.plusSeconds(5),
        result("item-0", BatchStatus.COMPLETED));
    TrackedBatch completed = find(job.id());

    poller()
        .recordPolls(
            term,
            List.of(
                new BatchPollUpdate(job.id(), T0.plusSeconds(6), IN_PROGRESS, null),
                new BatchPollUpdate(job.id(), T0.plusSeconds(7), null, "late error")));

    assertThat(find(job.id())).isEqualTo(completed);
  }

  @Test
  void recordPollsUnderAnOlderTermIsFencedOutAndWritesNothing() {
    LlmBatchJob first = create("b1", 1);
    LlmBatchJob second = create("b2", 1);
    long old = grantNewTerm();
    long current = grantNewTerm();

    assertThatThrownBy(
            () ->
                poller()
                    .recordPolls(
                        old,
                        List.of(
                            new BatchPollUpdate(first.id(), T0, IN_PROGRESS, null),
                            new BatchPollUpdate(second.id(), T0, null, "HTTP 500"))))
        .isInstanceOfSatisfying(
            FencedOutException.class,
            fenced -> {
              assertThat(fenced.writerTerm()).isEqualTo(old);
              assertThat(fenced.currentTerm()).isEqualTo(current);
            });

    assertThat(find(first.id()).batch()).isEqualTo(first);
    assertThat(find(second.id()).batch()).isEqualTo(second);
  }

  @Test
  void everyWriteBeforeAnyLeaderIsFencedOut() {
    LlmBatchJob job = create("b1", 1);
    TrackedBatch before = find(job.id());
    List<ItemResultUpdate> chunk = List.of(result("item-0", BatchStatus.COMPLETED));

    assertThatThrownBy(
            () -> poller().recordPolls(1, List.of(new BatchPollUpdate(job.id(), T0, ENDED, null))))
        .isInstanceOf(FencedOutException.class);
    assertThatThrownBy(() -> poller().storeItemResults(1, job.id(), chunk))
        .isInstanceOf(FencedOutException.class);
    assertThatThrownBy(
            () -> poller().completeBatch(1, job.id(), chunk, BatchStatus.COMPLETED, T0, ENDED))
        .isInstanceOf(FencedOutException.class);

    assertThat(find(job.id())).isEqualTo(before);
    assertThat(items(job.id())).extracting(LlmBatchItem::result).containsOnlyNulls();
  }

  @Test
  void aTermNeverGrantedIsFencedOut() {
    LlmBatchJob job = create("b1", 1);
    long current = grantNewTerm();

    assertThatThrownBy(
            () ->
                poller()
                    .storeItemResults(
                        current + 1, job.id(), List.of(result("item-0", BatchStatus.FAILED))))
        .isInstanceOf(FencedOutException.class);

    assertThat(items(job.id())).extracting(LlmBatchItem::result).containsOnlyNulls();
  }

  @Test
  void storeItemResultsUpdatesKnownItemsAndInsertsUnknownOnes() {
    LlmBatchJob job = create("b1", 2);
    List<LlmBatchItem> before = items(job.id());

    poller()
        .storeItemResults(
            grantNewTerm(),
            job.id(),
            List.of(
                result("item-1", BatchStatus.COMPLETED), result("surprise", BatchStatus.FAILED)));

    List<LlmBatchItem> after = items(job.id());
    assertThat(after).hasSize(3);
    assertThat(after.get(0)).isEqualTo(before.get(0));
    LlmBatchItem updated = after.get(1);
    assertThat(updated.id()).isEqualTo(before.get(1).id());
    assertThat(updated.customId()).isEqualTo("item-1");
    assertThat(updated.requestStatus()).isEqualTo(BatchStatus.COMPLETED);
    assertThat(updated.result()).isEqualTo(resultLine("item-1", "completed"));
    assertThat(updated.updatedAt()).isNotNull();
    LlmBatchItem inserted = after.get(2);
    assertThat(inserted.customId()).isEqualTo("surprise");
    assertThat(inserted.requestStatus()).isEqualTo(BatchStatus.FAILED);
    assertThat(inserted.result()).isEqualTo(resultLine("surprise", "failed"));
    assertThat(find(job.id()).batch().status()).isEqualTo(BatchStatus.RUNNING);
  }

  @Test
  void storingTheSameChunkAgainChangesNothingButTheTime() {
    LlmBatchJob job = create("b1", 3);
    long term = grantNewTerm();
    List<ItemResultUpdate> chunk =
        List.of(result("item-0", BatchStatus.COMPLETED), result("item-2", BatchStatus.FAILED));
    poller().storeItemResults(term, job.id(), chunk);
    List<LlmBatchItem> once = items(job.id());

    poller().storeItemResults(term, job.id(), chunk);

    assertThat(items(job.id()))
        .usingRecursiveFieldByFieldElementComparatorIgnoringFields("updatedAt")
        .containsExactlyElementsOf(once);
    assertThat(find(job.id()).itemCounts())
        .isEqualTo(
            Map.of(BatchStatus.COMPLETED, 1L, BatchStatus.CREATED, 1L, BatchStatus.FAILED, 1L));
  }

  @Test
  void storeItemResultsUnderAnOlderTermIsFencedOutAndWritesNothing() {
    LlmBatchJob job = create("b1", 2);
    long old = grantNewTerm();
    grantNewTerm();

    assertThatThrownBy(
            () ->
                poller()
                    .storeItemResults(
                        old,
                        job.id(),
                        List.of(
                            result("item-0", BatchStatus.COMPLETED),
                            result("new", BatchStatus.FAILED))))
        .isInstanceOf(FencedOutException.class);

    assertThat(items(job.id()))
        .extracting(LlmBatchItem::customId, LlmBatchItem::requestStatus)
        .containsExactly(
            tuple("item-0", BatchStatus.CREATED), tuple("item-1", BatchStatus.CREATED));
  }

  @Test
  void resultsOfAnUnknownBatchAreRejected() {
    long term = grantNewTerm();

    assertThatThrownBy(
            () ->
                poller()
                    .storeItemResults(term, 424242, List.of(result("a", BatchStatus.COMPLETED))))
        .isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void aBatchWithItsFinalStatusTakesNoMoreResults() {
    LlmBatchJob job = create("b1", 1);
    long term = grantNewTerm();
    complete(term, job, BatchStatus.COMPLETED, T0, result("item-0", BatchStatus.COMPLETED));
    TrackedBatch completed = find(job.id());
    List<LlmBatchItem> completedItems = items(job.id());

    assertThatThrownBy(
            () ->
                poller()
                    .storeItemResults(
                        term, job.id(), List.of(result("item-0", BatchStatus.FAILED))))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () ->
                poller()
                    .completeBatch(
                        term,
                        job.id(),
                        List.of(result("item-0", BatchStatus.FAILED)),
                        BatchStatus.FAILED,
                        T0.plusSeconds(1),
                        IN_PROGRESS))
        .isInstanceOf(IllegalStateException.class);

    assertThat(find(job.id())).isEqualTo(completed);
    assertThat(items(job.id())).isEqualTo(completedItems);
  }

  @Test
  void completeBatchStoresTheLastChunkAndTheFinalStatusTogether() {
    LlmBatchJob job = create("b1", 3);
    long term = grantNewTerm();
    poller()
        .recordPolls(
            term, List.of(new BatchPollUpdate(job.id(), T0.plusSeconds(1), null, "HTTP 500")));
    poller().storeItemResults(term, job.id(), List.of(result("item-0", BatchStatus.COMPLETED)));

    complete(
        term,
        job,
        BatchStatus.COMPLETED,
        T0.plusSeconds(30),
        result("item-1", BatchStatus.FAILED),
        result("item-2", BatchStatus.COMPLETED));

    TrackedBatch completed = find(job.id());
    assertThat(completed.batch().status()).isEqualTo(BatchStatus.COMPLETED);
    assertThat(completed.batch().completedAt()).isEqualTo(T0.plusSeconds(30));
    assertThat(completed.batch().lastPolledAt()).isEqualTo(T0.plusSeconds(30));
    assertThat(completed.batch().latestPollResponse()).isEqualTo(ENDED);
    assertThat(completed.batch().pollError()).isNull();
    assertThat(completed.batch().createdAt()).isEqualTo(job.createdAt());
    assertThat(completed.itemCounts())
        .isEqualTo(Map.of(BatchStatus.COMPLETED, 2L, BatchStatus.FAILED, 1L));
    assertThat(items(job.id()))
        .extracting(LlmBatchItem::result)
        .containsExactly(
            resultLine("item-0", "completed"),
            resultLine("item-1", "failed"),
            resultLine("item-2", "completed"));
  }

  @Test
  void completeBatchUnderAnOlderTermLeavesItemsAndStatusUnchanged() {
    LlmBatchJob job = create("b1", 2);
    long old = grantNewTerm();
    poller().storeItemResults(old, job.id(), List.of(result("item-0", BatchStatus.COMPLETED)));
    TrackedBatch before = find(job.id());
    List<LlmBatchItem> itemsBefore = items(job.id());
    grantNewTerm();

    assertThatThrownBy(
            () ->
                complete(
                    old,
                    job,
                    BatchStatus.COMPLETED,
                    T0.plusSeconds(30),
                    result("item-1", BatchStatus.COMPLETED),
                    result("new", BatchStatus.FAILED)))
        .isInstanceOf(FencedOutException.class);

    assertThat(find(job.id())).isEqualTo(before);
    assertThat(items(job.id())).isEqualTo(itemsBefore);
    assertThat(poller().listRunningBatches(LONG_AGO, OptionalInt.empty()))
        .extracting(LlmBatchJob::id)
        .containsExactly(job.id());
  }

  @Test
  void aBatchCannotCompleteWithAStatusThatIsNotFinal() {
    LlmBatchJob job = create("b1", 1);
    long term = grantNewTerm();

    assertThatThrownBy(
            () ->
                complete(
                    term, job, BatchStatus.RUNNING, T0, result("item-0", BatchStatus.COMPLETED)))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(find(job.id()).batch()).isEqualTo(job);
    assertThat(items(job.id())).extracting(LlmBatchItem::result).containsOnlyNulls();
  }

  @Test
  void unavailableResultsKeepTheFirstTimeTheyWereSeenAndTheLastError() {
    LlmBatchJob job = create("archived", 1);
    long term = grantNewTerm();

    Instant first = poller().resultsUnavailable(term, job.id(), T0, "results unavailable: 404");
    Instant again =
        poller().resultsUnavailable(term, job.id(), T0.plusSeconds(60), "results unavailable: 410");

    assertThat(first).isEqualTo(T0);
    assertThat(again).isEqualTo(T0);
    LlmBatchJob stored = find(job.id()).batch();
    assertThat(stored.status()).isEqualTo(BatchStatus.RUNNING);
    assertThat(stored.pollError()).isEqualTo("results unavailable: 410");
    assertThat(stored.lastPolledAt()).isEqualTo(T0.plusSeconds(60));
    grantNewTerm();
    assertThatThrownBy(() -> poller().resultsUnavailable(term, job.id(), T0, "x"))
        .isInstanceOf(FencedOutException.class);
  }

  @Test
  void givingUpOnResultsFailsTheBatchOnceAndKeepsWhy() {
    LlmBatchJob job = create("archived", 1);
    long term = grantNewTerm();
    poller().resultsUnavailable(term, job.id(), T0, "results unavailable: 404");

    poller().giveUpResults(term, job.id(), T0.plusSeconds(90), "given up: 404", WebhookEvents.NONE);

    LlmBatchJob failed = find(job.id()).batch();
    assertThat(failed.status()).isEqualTo(BatchStatus.FAILED);
    assertThat(failed.pollError()).isEqualTo("given up: 404");
    assertThat(failed.completedAt()).isEqualTo(T0.plusSeconds(90));
    assertThatThrownBy(
            () -> poller().giveUpResults(term, job.id(), T0, "again", WebhookEvents.NONE))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> poller().resultsUnavailable(term, job.id(), T0, "again"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aNewLeaderWritesUnderItsOwnTerm() {
    LlmBatchJob job = create("b1", 1);
    grantNewTerm();
    long current = grantNewTerm();

    complete(current, job, BatchStatus.CANCELLED, T0, result("item-0", BatchStatus.CANCELLED));

    assertThat(find(job.id()).batch().status()).isEqualTo(BatchStatus.CANCELLED);
  }

  @Test
  void aHundredThousandResultsAreStoredInChunksThenTheBatchCompletes() {
    int count = 100_000;
    int chunkSize = 5_000;
    List<String> customIds = IntStream.range(0, count).mapToObj(i -> "request-" + i).toList();
    LlmBatchJob job =
        tracking().create(new NewBatch(LlmProvider.OPENAI, "batch_big", customIds), T0);
    long term = grantNewTerm();

    long started = System.nanoTime();
    for (int from = 0; from < count; from += chunkSize) {
      List<ItemResultUpdate> chunk =
          customIds.subList(from, from + chunkSize).stream()
              .map(customId -> result(customId, BatchStatus.COMPLETED))
              .toList();
      if (from + chunkSize < count) {
        poller().storeItemResults(term, job.id(), chunk);
      } else {
        poller().completeBatch(term, job.id(), chunk, BatchStatus.COMPLETED, T0, ENDED);
      }
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    System.out.printf(
        "%s: stored %d item results in chunks of %d in %d ms%n",
        getClass().getSimpleName(), count, chunkSize, took.toMillis());

    TrackedBatch completed = find(job.id());
    assertThat(completed.batch().status()).isEqualTo(BatchStatus.COMPLETED);
    assertThat(completed.itemCounts()).isEqualTo(Map.of(BatchStatus.COMPLETED, (long) count));
  }

  private LlmBatchJob create(String providerBatchId, int items) {
    return create(providerBatchId, items, T0);
  }

  private LlmBatchJob create(String providerBatchId, int items, Instant createdAt) {
    List<String> customIds = IntStream.range(0, items).mapToObj(i -> "item-" + i).toList();
    return tracking()
        .create(new NewBatch(LlmProvider.ANTHROPIC, providerBatchId, customIds), createdAt);
  }

  /** Completes {@code job} under {@code term} at {@code at}, with the provider's ended answer. */
  private void complete(
      long term, LlmBatchJob job, BatchStatus status, Instant at, ItemResultUpdate... lastChunk) {
    poller().completeBatch(term, job.id(), List.of(lastChunk), status, at, ENDED);
  }

  private TrackedBatch find(long batchId) {
    return tracking().find(batchId).orElseThrow();
  }

  private List<LlmBatchItem> items(long batchId) {
    return tracking().items(batchId, 0, Integer.MAX_VALUE);
  }
}
