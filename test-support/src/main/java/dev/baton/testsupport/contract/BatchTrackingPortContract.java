package dev.baton.testsupport.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.domain.BatchStatus;
import dev.baton.domain.DuplicateBatchException;
import dev.baton.domain.ItemResultUpdate;
import dev.baton.domain.LlmBatchItem;
import dev.baton.domain.LlmBatchJob;
import dev.baton.domain.LlmProvider;
import dev.baton.domain.NewBatch;
import dev.baton.domain.TrackedBatch;
import dev.baton.domain.port.BatchPollerPort;
import dev.baton.domain.port.BatchTrackingPort;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What every {@link BatchTrackingPort} backend must do. A backend's test class extends this one;
 * each test starts on an empty store. Statuses other than {@code running} are reached through the
 * same backend's {@link BatchPollerPort}.
 */
public abstract class BatchTrackingPortContract {
  static final Instant CREATED_AT = Instant.parse("2026-11-27T00:41:08.123Z");

  /** The tracking port on this test's store. */
  protected abstract BatchTrackingPort tracking();

  /** The poller port on the same store. */
  protected abstract BatchPollerPort poller();

  /** Makes a new term the current one, as a new leader's grant does, and returns it. */
  protected abstract long grantNewTerm();

  @Test
  void createTracksARunningBatchWhoseItemsAreCreated() {
    LlmBatchJob job =
        tracking()
            .create(
                new NewBatch(LlmProvider.ANTHROPIC, "msgbatch_01", List.of("b", "a", "c")),
                CREATED_AT);

    assertThat(job.id()).isPositive();
    assertThat(job.provider()).isEqualTo(LlmProvider.ANTHROPIC);
    assertThat(job.providerBatchId()).isEqualTo("msgbatch_01");
    assertThat(job.status()).isEqualTo(BatchStatus.RUNNING);
    assertThat(job.createdAt()).isEqualTo(CREATED_AT);
    assertThat(job.lastPolledAt()).isNull();
    assertThat(job.latestPollResponse()).isNull();
    assertThat(job.pollError()).isNull();
    assertThat(job.completedAt()).isNull();

    TrackedBatch tracked = tracking().find(job.id()).orElseThrow();
    assertThat(tracked.batch()).isEqualTo(job);
    assertThat(tracked.itemCounts()).isEqualTo(Map.of(BatchStatus.CREATED, 3L));

    List<LlmBatchItem> items = tracking().items(job.id(), 0, 10);
    assertThat(items).extracting(LlmBatchItem::customId).containsExactly("b", "a", "c");
    assertThat(items)
        .allSatisfy(
            item -> {
              assertThat(item.batchId()).isEqualTo(job.id());
              assertThat(item.requestStatus()).isEqualTo(BatchStatus.CREATED);
              assertThat(item.result()).isNull();
            });
  }

  @Test
  void aKnownProviderBatchIsADuplicateAndNothingOfTheSecondIsStored() {
    LlmBatchJob first =
        tracking()
            .create(new NewBatch(LlmProvider.OPENAI, "batch_1", List.of("a", "b")), CREATED_AT);

    assertThatThrownBy(
            () ->
                tracking()
                    .create(
                        new NewBatch(LlmProvider.OPENAI, "batch_1", List.of("c", "d", "e")),
                        CREATED_AT.plusSeconds(1)))
        .isInstanceOf(DuplicateBatchException.class)
        .hasMessageContaining("batch_1");

    assertThat(tracking().list(Optional.empty(), 0, 10)).containsExactly(first);
    assertThat(tracking().items(first.id(), 0, 10))
        .extracting(LlmBatchItem::customId)
        .containsExactly("a", "b");
  }

  @Test
  void theSameProviderBatchIdOfAnotherProviderIsAnotherBatch() {
    LlmBatchJob openAi = create(LlmProvider.OPENAI, "shared_id", 1);
    LlmBatchJob anthropic = create(LlmProvider.ANTHROPIC, "shared_id", 1);

    assertThat(anthropic.id()).isNotEqualTo(openAi.id());
  }

  @Test
  void countByStatusCountsEveryBatchOfEachStatusPresent() {
    assertThat(tracking().countByStatus()).isEmpty();
    create(LlmProvider.OPENAI, "batch_a", 1);
    LlmBatchJob done = create(LlmProvider.OPENAI, "batch_b", 1);
    create(LlmProvider.ANTHROPIC, "msgbatch_c", 1);
    poller()
        .completeBatch(
            grantNewTerm(),
            done.id(),
            List.of(),
            BatchStatus.FAILED,
            CREATED_AT.plusSeconds(60),
            "{\"status\": \"failed\"}");

    assertThat(tracking().countByStatus())
        .isEqualTo(Map.of(BatchStatus.RUNNING, 2L, BatchStatus.FAILED, 1L));
  }

  @Test
  void findOfAnUnknownBatchIsEmpty() {
    assertThat(tracking().find(424242)).isEmpty();
  }

  @Test
  void findCountsTheItemsOfEachStatus() {
    LlmBatchJob job = create(LlmProvider.ANTHROPIC, "msgbatch_01", 5);
    long term = grantNewTerm();
    poller()
        .storeItemResults(
            term,
            job.id(),
            List.of(
                result("item-0", BatchStatus.COMPLETED),
                result("item-1", BatchStatus.COMPLETED),
                result("item-2", BatchStatus.FAILED)));

    assertThat(tracking().find(job.id()).orElseThrow().itemCounts())
        .isEqualTo(
            Map.of(BatchStatus.CREATED, 2L, BatchStatus.COMPLETED, 2L, BatchStatus.FAILED, 1L));
  }

  @Test
  void listReturnsBatchesAfterAnIdInIdOrderUpToTheLimit() {
    List<LlmBatchJob> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      created.add(create(LlmProvider.OPENAI, "batch_" + i, 1));
    }

    assertThat(tracking().list(Optional.empty(), 0, 2))
        .containsExactly(created.get(0), created.get(1));
    assertThat(tracking().list(Optional.empty(), created.get(1).id(), 2))
        .containsExactly(created.get(2), created.get(3));
    assertThat(tracking().list(Optional.empty(), created.get(3).id(), 2))
        .containsExactly(created.get(4));
    assertThat(tracking().list(Optional.empty(), created.get(4).id(), 2)).isEmpty();
  }

  @Test
  void anEmptyStoreListsNothing() {
    assertThat(tracking().list(Optional.empty(), 0, 10)).isEmpty();
  }

  @Test
  void listFiltersByStatus() {
    LlmBatchJob first = create(LlmProvider.OPENAI, "batch_0", 1);
    LlmBatchJob done = create(LlmProvider.OPENAI, "batch_1", 1);
    LlmBatchJob third = create(LlmProvider.OPENAI, "batch_2", 1);
    poller()
        .completeBatch(
            grantNewTerm(),
            done.id(),
            List.of(),
            BatchStatus.COMPLETED,
            CREATED_AT.plusSeconds(60),
            "{\"status\": \"completed\"}");

    assertThat(tracking().list(Optional.of(BatchStatus.RUNNING), 0, 1)).containsExactly(first);
    assertThat(tracking().list(Optional.of(BatchStatus.RUNNING), first.id(), 10))
        .containsExactly(third);
    assertThat(tracking().list(Optional.of(BatchStatus.COMPLETED), 0, 10))
        .extracting(LlmBatchJob::id)
        .containsExactly(done.id());
    assertThat(tracking().list(Optional.of(BatchStatus.FAILED), 0, 10)).isEmpty();
  }

  @Test
  void itemsOfOneBatchComeAfterAnIdInIdOrderUpToTheLimit() {
    LlmBatchJob job = create(LlmProvider.ANTHROPIC, "msgbatch_01", 5);
    create(LlmProvider.ANTHROPIC, "msgbatch_02", 3);

    List<LlmBatchItem> first = tracking().items(job.id(), 0, 2);
    List<LlmBatchItem> second = tracking().items(job.id(), first.get(1).id(), 2);
    List<LlmBatchItem> third = tracking().items(job.id(), second.get(1).id(), 2);

    assertThat(first).extracting(LlmBatchItem::customId).containsExactly("item-0", "item-1");
    assertThat(second).extracting(LlmBatchItem::customId).containsExactly("item-2", "item-3");
    assertThat(third).extracting(LlmBatchItem::customId).containsExactly("item-4");
    assertThat(tracking().items(job.id(), third.get(0).id(), 2)).isEmpty();
  }

  @Test
  void itemsOfAnUnknownBatchAreNone() {
    assertThat(tracking().items(424242, 0, 10)).isEmpty();
  }

  @Test
  void aHundredThousandItemsAreTrackedInOneCreate() {
    int count = 100_000;
    List<String> customIds = IntStream.range(0, count).mapToObj(i -> "request-" + i).toList();

    long started = System.nanoTime();
    LlmBatchJob job =
        tracking().create(new NewBatch(LlmProvider.OPENAI, "batch_big", customIds), CREATED_AT);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    System.out.printf(
        "%s: created a batch of %d items in %d ms%n",
        getClass().getSimpleName(), count, took.toMillis());

    assertThat(tracking().find(job.id()).orElseThrow().itemCounts())
        .isEqualTo(Map.of(BatchStatus.CREATED, (long) count));
    assertThat(tracking().items(job.id(), 0, 2))
        .extracting(LlmBatchItem::customId)
        .containsExactly("request-0", "request-1");
  }

  private LlmBatchJob create(LlmProvider provider, String providerBatchId, int items) {
    List<String> customIds = IntStream.range(0, items).mapToObj(i -> "item-" + i).toList();
    return tracking().create(new NewBatch(provider, providerBatchId, customIds), CREATED_AT);
  }

  static ItemResultUpdate result(String customId, BatchStatus status) {
    return new ItemResultUpdate(customId, status, resultLine(customId, status.wireName()));
  }

  /**
   * A result line spelled as PostgreSQL prints jsonb, so that it compares equal on every backend.
   */
  static String resultLine(String customId, String type) {
    return "{\"result\": {\"type\": \"" + type + "\"}, \"custom_id\": \"" + customId + "\"}";
  }
}
