package dev.baton.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A running batch whose poll was asked for ({@code baton_llm_batch.poll_requested_at}), by a
 * provider's webhook received on any instance.
 *
 * @param requestedAt the request as stored: clearing it succeeds only while it is still this one,
 *     so a request made after it was read is not lost
 */
public record PollRequest(LlmBatchJob batch, Instant requestedAt) {

  public PollRequest {
    Objects.requireNonNull(batch, "batch");
    Objects.requireNonNull(requestedAt, "requestedAt");
  }
}
