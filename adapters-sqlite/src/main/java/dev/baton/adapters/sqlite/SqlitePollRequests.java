package dev.baton.adapters.sqlite;

import dev.baton.domain.LlmProvider;
import dev.baton.domain.PollRequest;
import dev.baton.domain.ProviderEventReceipt;
import dev.baton.domain.port.PollRequestPort;
import dev.baton.domain.port.ProviderWebhookInboxPort;
import dev.baton.persistence.FencedTransactions;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Providers' webhooks ({@code baton_provider_webhook_event}) and the polls they ask for ({@code
 * baton_llm_batch.poll_requested_at}) on SQLite. Timestamps are stored to the millisecond, as
 * everywhere on SQLite.
 */
public final class SqlitePollRequests implements ProviderWebhookInboxPort, PollRequestPort {
  private final Jdbi jdbi;
  private final FencedTransactions fenced;

  public SqlitePollRequests(SqliteDatabase database, long lockKey) {
    this.jdbi = database.jdbi();
    this.fenced = new SqliteFencedTransactions(database, lockKey);
  }

  @Override
  public ProviderEventReceipt recordProviderEvent(
      String webhookId, Instant receivedAt, LlmProvider provider, String providerBatchId) {
    Objects.requireNonNull(webhookId, "webhookId");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(providerBatchId, "providerBatchId");
    String at =
        SqliteTimestamps.format(
            SqliteTimestamps.stored(Objects.requireNonNull(receivedAt, "receivedAt")));
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
                  .bind("at", at)
                  .execute();
          if (recorded == 0) {
            return ProviderEventReceipt.REPLAYED;
          }
          Optional<String> status =
              handle
                  .createQuery(
                      """
                      SELECT status FROM <schema>.baton_llm_batch
                      WHERE provider = :provider AND provider_batch_id = :batchId
                      """)
                  .bind("provider", provider.wireName())
                  .bind("batchId", providerBatchId)
                  .mapTo(String.class)
                  .findOne();
          if (status.isEmpty()) {
            return ProviderEventReceipt.UNKNOWN_BATCH;
          }
          if (!"running".equals(status.get())) {
            return ProviderEventReceipt.ALREADY_FINAL;
          }
          handle
              .createUpdate(
                  """
                  UPDATE <schema>.baton_llm_batch SET poll_requested_at = :at, last_woken_at = :at
                  WHERE provider = :provider AND provider_batch_id = :batchId
                  """)
              .bind("at", at)
              .bind("provider", provider.wireName())
              .bind("batchId", providerBatchId)
              .execute();
          return ProviderEventReceipt.POLL_REQUESTED;
        });
  }

  @Override
  public int forgetProviderEventsBefore(Instant cutoff) {
    String before = SqliteTimestamps.format(Objects.requireNonNull(cutoff, "cutoff"));
    return jdbi.withHandle(
        handle ->
            handle
                .createUpdate(
                    "DELETE FROM <schema>.baton_provider_webhook_event WHERE received_at < :cutoff")
                .bind("cutoff", before)
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
                        + SqliteBatchRows.JOB_COLUMNS
                        + ", poll_requested_at FROM <schema>.baton_llm_batch"
                        + " WHERE poll_requested_at IS NOT NULL AND status = 'running'"
                        + " ORDER BY poll_requested_at, id LIMIT :limit")
                .bind("limit", limit)
                .map(
                    (row, context) ->
                        new PollRequest(
                            SqliteBatchRows.toJob(row, context),
                            SqliteTimestamps.parse(row.getString("poll_requested_at"))))
                .list());
  }

  @Override
  public void clearPollRequest(long term, long batchId, Instant requestedAt) {
    String at = SqliteTimestamps.format(Objects.requireNonNull(requestedAt, "requestedAt"));
    fenced.inFencedTransaction(
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
                .bind("at", at)
                .execute());
  }
}
