package dev.baton.domain.port;

import dev.baton.domain.LlmBatchJob;
import java.util.Optional;

/** Tracked batches as the API sees them. */
public interface BatchTrackingPort {

  Optional<LlmBatchJob> findBatch(long id);
}
