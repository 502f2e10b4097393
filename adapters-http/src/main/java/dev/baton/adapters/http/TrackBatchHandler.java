package dev.baton.adapters.http;

import dev.baton.application.port.in.BatchTrackingUseCase;
import dev.baton.domain.NewBatch;
import dev.baton.domain.TrackedBatch;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.Header;
import java.util.Objects;

/**
 * {@code POST /v1/batches}: starts tracking a batch already submitted to its provider. The body is
 * checked in full before the use case sees it, so a refused request stores nothing; a batch tracked
 * already is answered 409 by {@link ProblemResponses}.
 */
final class TrackBatchHandler implements Handler {
  private final BatchTrackingUseCase batches;
  private final RequestBodyLimit bodyLimit;

  TrackBatchHandler(BatchTrackingUseCase batches, RequestBodyLimit bodyLimit) {
    this.batches = Objects.requireNonNull(batches, "batches");
    this.bodyLimit = Objects.requireNonNull(bodyLimit, "bodyLimit");
  }

  @Override
  public void handle(Context ctx) {
    NewBatch batch = TrackBatchRequest.parse(bodyLimit.readBody(ctx));
    TrackedBatch tracked = batches.track(batch);
    ctx.status(201)
        .header(Header.LOCATION, BatchHandler.path(tracked.batch().id()))
        .json(TrackedBatchResponse.from(tracked));
  }
}
