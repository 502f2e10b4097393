package dev.baton.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class NewBatchTest {

  private static NewBatch batch(String providerBatchId, List<String> customIds) {
    return new NewBatch(LlmProvider.OPENAI, providerBatchId, customIds);
  }

  private static void refused(
      String providerBatchId, List<String> customIds, String field, String problem) {
    assertThatThrownBy(() -> batch(providerBatchId, customIds))
        .isInstanceOfSatisfying(
            InvalidBatchException.class,
            e -> {
              assertThat(e.field()).isEqualTo(field);
              assertThat(e.problem()).contains(problem);
            });
  }

  @Test
  void aValidBatchKeepsItsCustomIdsInOrder() {
    assertThat(batch("batch_1", List.of("b", "a")).customIds()).containsExactly("b", "a");
  }

  @Test
  void theProviderBatchIdMustBeAnId() {
    refused(" ", List.of("a"), "providerBatchId", "must not be empty or blank");
    refused("x".repeat(513), List.of("a"), "providerBatchId", "at most 512 characters");
    refused("batch\u0000", List.of("a"), "providerBatchId", "control characters");
  }

  @Test
  void itemsAreOneToAHundredThousand() {
    refused("b", List.of(), "items", "at least one item");
    List<String> tooMany =
        IntStream.rangeClosed(0, NewBatch.MAX_ITEMS).mapToObj(i -> "c" + i).toList();
    refused("b", tooMany, "items", "at most 100000 items per batch; this one has 100001");
    assertThat(batch("b", tooMany.subList(0, NewBatch.MAX_ITEMS)).customIds())
        .hasSize(NewBatch.MAX_ITEMS);
  }

  @Test
  void eachCustomIdIsAnIdGivenOnce() {
    refused("b", List.of("a", " "), "items[1].customId", "must not be empty or blank");
    refused("b", List.of("a", "b", "a"), "items[2].customId", "'a' is the custom id of items[0]");
    refused("b", List.of("line\nbreak"), "items[0].customId", "control characters");
  }

  @Test
  void aProblemQuotesAtMostSixtyFourCharactersOfAnId() {
    String longId = "y".repeat(300);
    assertThatThrownBy(() -> batch("b", List.of(longId, longId)))
        .isInstanceOfSatisfying(
            InvalidBatchException.class,
            e ->
                assertThat(e.problem()).contains("'" + "y".repeat(64) + "…'").hasSizeLessThan(120));
  }
}
