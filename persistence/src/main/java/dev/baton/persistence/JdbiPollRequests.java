package dev.baton.persistence;

import dev.baton.domain.LlmProvider;
import dev.baton.domain.PollRequest;
import dev.baton.domain.ProviderEventReceipt;
import dev.baton.domain.port.PollRequestPort;
import dev.baton.domain.port.ProviderWebhookInboxPort;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Providers' webhooks ({@code baton_provider_webhook_event}) and the polls they ask for ({@code
 * baton_llm_batch.poll_requested_at}) on either backend; a request is also passed to {@link
 * BatchDialect#pollRequested}, for a database that can tell its listeners at once.
 */
public abstract class JdbiPollRequests implements ProviderWebhookInboxPort, PollRequestPort {
  private final BatchDatabase database;
  private final Jdbi jdbi;

  protected JdbiPollRequests(BatchDatabase database) {
    this.database = Objects.requireNonNull(database, "database");
    this.jdbi = database.jdbi();
  }

  @Override
  public ProviderEventReceipt recordProviderEvent(
      String webhookId, Instant receivedAt, LlmProvider provider, String providerBatchId) {
    Objects.requireNonNull(webhookId, "webhookId");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(providerBatchId, "providerBatchId");
    Objects.requireNonNull(receivedAt, "receivedAt");
    return jdbi.inTransaction(
        handle -> {
          int recorded =
              handle
                  .createUpdate(
                      """
                      INSERT INTO <schema>.baton_provider_webhook_event (webhook_id, received_at)
                      VALUES (:id, :at) ON CONFLICT (webhook_id) DO NOTHING
                      """)
                  .bind("id", webhookId)
                  .bind("at", receivedAt)
                  .execute();
          if (recorded == 0) {
            return ProviderEventReceipt.REPLAYED;
          }
          // One statement reads the status and asks for the poll, so no completion slips
          // between.
          Optional<Map.Entry<Long, String>> batch =
              handle
                  .createQuery(
                      """
                      UPDATE <schema>.baton_llm_batch SET
                          poll_requested_at = CASE WHEN status = 'running' THEN :at
                                                   ELSE poll_requested_at END,
                          last_woken_at = CASE WHEN status = 'running' THEN :at
                                               ELSE last_woken_at END
                      WHERE provider = :provider AND provider_batch_id = :batchId
                      RETURNING id, status
                      """)
                  .bind("at", receivedAt)
                  .bind("provider", provider.wireName())
                  .bind("batchId", providerBatchId)
                  .map((row, context) -> Map.entry(row.getLong("id"), row.getString("status")))
                  .findFirst();
          if (batch.isEmpty()) {
            return ProviderEventReceipt.UNKNOWN_BATCH;
          }
          if (!"running".equals(batch.get().getValue())) {
            return ProviderEventReceipt.ALREADY_FINAL;
          }
          database.dialect().pollRequested(handle, batch.get().getKey());
          return ProviderEventReceipt.POLL_REQUESTED;
        });
  }

  @Override
  public int forgetProviderEventsBefore(Instant cutoff) {
    Objects.requireNonNull(cutoff, "cutoff");
    return jdbi.withHandle(
        handle ->
            handle
                .createUpdate(
                    "DELETE FROM <schema>.baton_provider_webhook_event WHERE received_at < :cutoff")
                .bind("cutoff", cutoff)
                .execute());
  }

  @Override
  public List<PollRequest> requestedPolls(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1: " + limit);
    }
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT "
                        + BatchRows.jobColumns(database.dialect())
                        + ", poll_requested_at FROM <schema>.baton_llm_batch"
                        + " WHERE poll_requested_at IS NOT NULL AND status = 'running'"
                        + " ORDER BY poll_requested_at, id LIMIT :limit")
                .bind("limit", limit)
                .map(
                    (row, context) ->
                        new PollRequest(
                            BatchRows.toJob(row, context),
                            Timestamps.column(row, "poll_requested_at", context)))
                .list());
  }

  @Override
  public void clearPollRequest(long term, long batchId, Instant requestedAt) {
    Objects.requireNonNull(requestedAt, "requestedAt");
    database
        .fenced()
        .inFencedTransaction(
            term,
            "clearing the poll request of batch " + batchId,
            handle ->
                handle
                    .createUpdate(
                        """
                    UPDATE <schema>.baton_llm_batch SET poll_requested_at = NULL
                    WHERE id = :id AND poll_requested_at = :at
                    """)
                    .bind("id", batchId)
                    .bind("at", requestedAt)
                    .execute());
  }
}
