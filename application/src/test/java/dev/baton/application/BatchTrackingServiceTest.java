package dev.baton.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.domain.BatchStatus;
import dev.baton.domain.DuplicateBatchException;
import dev.baton.domain.LlmProvider;
import dev.baton.domain.NewBatch;
import dev.baton.domain.TrackedBatch;
import dev.baton.testsupport.fakes.InMemoryBatchStore;
import dev.baton.testsupport.fakes.SettableClock;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatchTrackingServiceTest {
  private final SettableClock clock = SettableClock.atEpochDay();
  private final InMemoryBatchStore store = new InMemoryBatchStore(clock, () -> 1);
  private final BatchTrackingService service = new BatchTrackingService(store, clock);

  private static NewBatch batch(String id, List<String> customIds) {
    return new NewBatch(LlmProvider.OPENAI, id, customIds);
  }

  @Test
  void aTrackedBatchRunsWithItsItemsCreated() {
    TrackedBatch tracked = service.track(batch("batch_1", List.of("a", "b")));

    assertThat(tracked.batch().status()).isEqualTo(BatchStatus.RUNNING);
    assertThat(tracked.batch().createdAt()).isEqualTo(clock.now());
    assertThat(tracked.itemCounts()).containsEntry(BatchStatus.CREATED, 2L);
  }

  @Test
  void invalidBatchesAreRefusedNamingTheFieldAndNothingIsStored() {
    assertThatThrownBy(() -> service.track(batch(" ", List.of("a"))))
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("providerBatchId"));
    assertThatThrownBy(() -> service.track(batch("b", List.of())))
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("items"));
    assertThatThrownBy(() -> service.track(batch("b", List.of("a", " "))))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> assertThat(e.field()).isEqualTo("items[1].customId"));
    assertThatThrownBy(() -> service.track(batch("b", List.of("a", "b", "a"))))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> assertThat(e.field()).isEqualTo("items[2].customId"));
    List<String> tooMany =
        IntStream.rangeClosed(0, BatchTrackingService.MAX_ITEMS).mapToObj(i -> "c" + i).toList();
    assertThatThrownBy(() -> service.track(batch("b", tooMany)))
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("items"));

    assertThat(store.list(Optional.empty(), 10, Optional.empty()).items()).isEmpty();
  }

  @Test
  void aKnownBatchIsADuplicate() {
    service.track(batch("batch_1", List.of("a")));

    assertThatThrownBy(() -> service.track(batch("batch_1", List.of("b"))))
        .isInstanceOf(DuplicateBatchException.class);
  }

  @Test
  void pagesAreBoundedAndCursorsChecked() {
    service.track(batch("batch_1", List.of("a", "b", "c")));
    long id = service.batches(Optional.empty(), 10, Optional.empty()).items().get(0).id();

    assertThat(service.items(id, 2, Optional.empty()).orElseThrow().nextCursor()).isNotNull();
    assertThat(service.items(id + 1, 2, Optional.empty())).isEmpty();
    assertThatThrownBy(() -> service.batches(Optional.empty(), 0, Optional.empty()))
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("limit"));
    assertThatThrownBy(() -> service.batches(Optional.empty(), 10, Optional.of("zz")))
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("after"));
  }
}
