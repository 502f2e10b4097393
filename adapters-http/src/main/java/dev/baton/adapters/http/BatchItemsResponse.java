package dev.baton.adapters.http;

import dev.baton.domain.LlmBatchItem;
import dev.baton.domain.Page;
import java.util.List;

/** The body of {@code GET /v1/batches/{id}/items}. */
record BatchItemsResponse(List<Item> items, String nextCursor) {

  static BatchItemsResponse from(Page<LlmBatchItem> page) {
    return new BatchItemsResponse(
        page.items().stream().map(Item::from).toList(), page.nextCursor());
  }

  /**
   * @param result the stored result as a JSON value (see {@link EmbeddedJson}), or null before it
   *     is stored
   */
  record Item(String customId, String requestStatus, Object result) {
    static Item from(LlmBatchItem item) {
      return new Item(
          item.customId(), item.requestStatus().wireName(), EmbeddedJson.of(item.result()));
    }
  }
}
