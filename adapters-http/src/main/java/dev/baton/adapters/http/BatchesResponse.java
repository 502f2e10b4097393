package dev.baton.adapters.http;

import dev.baton.domain.LlmBatchJob;
import dev.baton.domain.Page;
import java.util.List;

/** The body of {@code GET /v1/batches}. */
record BatchesResponse(List<BatchResponse> batches, String nextCursor) {

  static BatchesResponse from(Page<LlmBatchJob> page) {
    return new BatchesResponse(
        page.items().stream().map(BatchResponse::from).toList(), page.nextCursor());
  }
}
