package dev.baton.adapters.http;

import dev.baton.application.InvalidRequestException;
import dev.baton.application.port.in.BatchTrackingUseCase;
import dev.baton.domain.BatchStatus;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** {@code GET /v1/batches?status=&limit=&after=}: the tracked batches, a page at a time. */
final class ListBatchesHandler implements Handler {
  static final String STATUS = "status";

  private static final Set<String> PARAMETERS =
      Set.of(STATUS, QueryParameters.LIMIT, QueryParameters.AFTER);

  private final BatchTrackingUseCase batches;

  ListBatchesHandler(BatchTrackingUseCase batches) {
    this.batches = Objects.requireNonNull(batches, "batches");
  }

  @Override
  public void handle(Context ctx) {
    QueryParameters query = QueryParameters.of(ctx, PARAMETERS);
    Optional<BatchStatus> status = query.optional(STATUS).map(ListBatchesHandler::status);
    int limit = query.limit();
    ctx.json(BatchesResponse.from(batches.batches(status, limit, query.after())));
  }

  private static BatchStatus status(String wire) {
    for (BatchStatus status : BatchStatus.values()) {
      if (status.wireName().equals(wire)) {
        return status;
      }
    }
    throw new InvalidRequestException(
        STATUS,
        "unknown status '"
            + TrackBatchRequest.echoed(wire)
            + "'; accepted: "
            + String.join(
                ", ", Arrays.stream(BatchStatus.values()).map(BatchStatus::wireName).toList()));
  }
}
