package dev.baton.domain.port;

import dev.baton.domain.LlmBatchJob;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;

/** The batch poller's view of batch storage. */
public interface BatchPollerPort {

  /**
   * Running batches created after {@code createdAfter}, never-polled first, then oldest {@code
   * last_polled_at} first, at most {@code limit} when given.
   */
  List<LlmBatchJob> listRunningBatches(Instant createdAfter, OptionalInt limit);
}
