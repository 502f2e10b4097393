package dev.baton.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.domain.BatchStatus;
import dev.baton.domain.DuplicateBatchException;
import dev.baton.domain.LlmBatchItem;
import dev.baton.domain.LlmBatchJob;
import dev.baton.domain.LlmProvider;
import dev.baton.domain.NewBatch;
import dev.baton.domain.Page;
import dev.baton.domain.TrackedBatch;
import dev.baton.testsupport.fakes.InMemoryBatchStore;
import dev.baton.testsupport.fakes.SettableClock;
import java.util.List;
import java.util.Optional;
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

  @Test
  void itemsPageThroughABatchAndTheLastPageHasNoCursor() {
    long id = service.track(batch("batch_1", List.of("a", "b", "c", "d", "e"))).batch().id();

    Page<LlmBatchItem> first = service.items(id, 2, Optional.empty()).orElseThrow();
    Page<LlmBatchItem> second = service.items(id, 2, Optional.of(first.nextCursor())).orElseThrow();
    Page<LlmBatchItem> third = service.items(id, 2, Optional.of(second.nextCursor())).orElseThrow();

    assertThat(first.items()).extracting(LlmBatchItem::customId).containsExactly("a", "b");
    assertThat(second.items()).extracting(LlmBatchItem::customId).containsExactly("c", "d");
    assertThat(third.items()).extracting(LlmBatchItem::customId).containsExactly("e");
    assertThat(third.nextCursor()).isNull();
  }

  @Test
  void aFullLastPageHasNoCursorEither() {
    service.track(batch("batch_1", List.of("a")));
    service.track(batch("batch_2", List.of("a")));

    assertThat(service.batches(Optional.empty(), 2, Optional.empty()).nextCursor()).isNull();
  }

  @Test
  void aCursorOfAnotherListIsRefused() {
    long first = service.track(batch("batch_1", List.of("a", "b", "c"))).batch().id();
    long second = service.track(batch("batch_2", List.of("a", "b", "c"))).batch().id();
    service.track(batch("batch_3", List.of("a")));
    String itemsOfFirst = service.items(first, 1, Optional.empty()).orElseThrow().nextCursor();
    String allBatches = service.batches(Optional.empty(), 1, Optional.empty()).nextCursor();

    assertThatThrownBy(() -> service.items(second, 1, Optional.of(itemsOfFirst)))
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("after"));
    assertThatThrownBy(() -> service.batches(Optional.empty(), 1, Optional.of(itemsOfFirst)))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(
            () -> service.batches(Optional.of(BatchStatus.RUNNING), 1, Optional.of(allBatches)))
        .isInstanceOf(InvalidRequestException.class);
    assertThat(service.batches(Optional.empty(), 1, Optional.of(allBatches)).items())
        .extracting(LlmBatchJob::providerBatchId)
        .containsExactly("batch_2");
  }

  @Test
  void cursorsThatWereNeverHandedOutAreRefused() {
    long id = service.track(batch("batch_1", List.of("a"))).batch().id();

    for (String cursor : List.of("not-a-cursor", "", "-1", "1.5", "99999999999999999999999")) {
      assertThatThrownBy(() -> service.batches(Optional.empty(), 10, Optional.of(cursor)))
          .as("batches after '%s'", cursor)
          .isInstanceOf(InvalidRequestException.class);
      assertThatThrownBy(() -> service.items(id, 10, Optional.of(cursor)))
          .as("items after '%s'", cursor)
          .isInstanceOf(InvalidRequestException.class);
    }
  }

  private static NewBatch withUrl(String id, String url) {
    return new NewBatch(LlmProvider.OPENAI, id, List.of("a"), Optional.of(url));
  }

  @Test
  void aBatchUrlWithoutASigningSecretIsRefusedAndNothingStored() {
    assertThatThrownBy(() -> service.track(withUrl("batch_1", "https://hooks.example.com/h")))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.field()).isEqualTo("webhookUrl");
              assertThat(e.getMessage()).contains("BATON_WEBHOOK_SECRET");
            });
    assertThat(store.list(Optional.empty(), 0, 10)).isEmpty();
  }

  @Test
  void aBatchUrlIsCheckedByTheDestinationPolicyWhenASecretIsConfigured() {
    BatchTrackingService signing =
        new BatchTrackingService(
            store,
            clock,
            BatchWebhookUrls.checkedBy(
                new dev.baton.application.webhook.WebhookDestinationPolicy(
                    false,
                    host -> {
                      throw new AssertionError("no name is resolved when a batch is tracked");
                    })));

    assertThatThrownBy(() -> signing.track(withUrl("batch_1", "http://10.0.0.7/hook")))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e ->
                assertThat(e.getMessage())
                    .startsWith("webhookUrl: has host 10.0.0.7, in 10.0.0.0/8"));
    assertThatThrownBy(() -> signing.track(withUrl("batch_1", "ftp://example.com/hook")))
        .hasMessage("webhookUrl: must be an absolute http or https URL");
    assertThat(store.list(Optional.empty(), 0, 10)).isEmpty();

    TrackedBatch tracked = signing.track(withUrl("batch_1", "https://hooks.example.com/h"));
    assertThat(tracked.batch().status()).isEqualTo(BatchStatus.RUNNING);
  }
}
