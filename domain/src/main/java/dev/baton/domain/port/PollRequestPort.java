package dev.baton.domain.port;

import dev.baton.domain.FencedOutException;
import dev.baton.domain.PollRequest;
import java.time.Instant;
import java.util.List;

/**
 * The poller's view of the polls asked for by providers' webhooks ({@code
 * baton_llm_batch.poll_requested_at}): the leader reads them and clears each one it served.
 */
public interface PollRequestPort {

  /** Running batches whose poll was asked for, oldest request first, at most {@code limit}. */
  List<PollRequest> requestedPolls(int limit);

  /**
   * Clears a batch's poll request if it is still the one made at {@code requestedAt}: a request
   * made after that stays, to be served by the next poll. Fenced by {@code term}.
   *
   * @throws FencedOutException when {@code term} is no longer the current term; nothing is written
   */
  void clearPollRequest(long term, long batchId, Instant requestedAt);
}
