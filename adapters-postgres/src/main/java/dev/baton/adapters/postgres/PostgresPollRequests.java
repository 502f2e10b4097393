package dev.baton.adapters.postgres;

import dev.baton.domain.LlmProvider;
import dev.baton.domain.PollRequest;
import dev.baton.domain.ProviderEventReceipt;
import dev.baton.domain.port.PollRequestPort;
import dev.baton.domain.port.ProviderWebhookInboxPort;
import dev.baton.persistence.FencedTransactions;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/**
 * Providers' webhooks ({@code baton_provider_webhook_event}) and the polls they ask for ({@code
 * baton_llm_batch.poll_requested_at}) on PostgreSQL. A request also notifies channel {@value
 * #POLL_REQUESTS_CHANNEL} with the batch's id, so a listener need not wait for the leader's next
 * look.
 */
public final class PostgresPollRequests implements ProviderWebhookInboxPort, PollRequestPort {
  public static final String POLL_REQUESTS_CHANNEL = "baton_poll_requests";

  private final Jdbi jdbi;
  private final FencedTransactions fenced;

  public PostgresPollRequests(PostgresDatabase database, FencedTransactions fenced) {
    this.jdbi = database.jdbi();
    this.fenced = Objects.requireNonNull(fenced, "fenced");
  }

  @Override
  public ProviderEventReceipt recordProviderEvent(
      String webhookId, Instant receivedAt, LlmProvider provider, String providerBatchId) {
    Objects.requireNonNull(webhookId, "webhookId");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(providerBatchId, "providerBatchId");
    Timestamp at = Timestamp.from(Objects.requireNonNull(receivedAt, "receivedAt"));
    return jdbi.inTransaction(
        handle -> {
          int recorded =
              handle
                  .createUpdate(
                      "insert into <schema>.baton_provider_webhook_event (webhook_id, received_at)"
                          + " values (:id, :at) on conflict (webhook_id) do nothing")
                  .bind("id", webhookId)
                  .bind("at", at)
                  .execute();
          if (recorded == 0) {
            return ProviderEventReceipt.REPLAYED;
          }
          List<Map.Entry<Long, String>> batches =
              handle
                  .createQuery(
                      "update <schema>.baton_llm_batch set"
                          + " poll_requested_at = case when status = 'running' then :at"
                          + " else poll_requested_at end,"
                          + " last_woken_at = case when status = 'running' then :at"
                          + " else last_woken_at end"
                          + " where provider = :provider and provider_batch_id = :batchId"
                          + " returning id, status")
                  .bind("at", at)
                  .bind("provider", provider.wireName())
                  .bind("batchId", providerBatchId)
                  .map((row, context) -> Map.entry(row.getLong("id"), row.getString("status")))
                  .list();
          if (batches.isEmpty()) {
            return ProviderEventReceipt.UNKNOWN_BATCH;
          }
          Map.Entry<Long, String> batch = batches.get(0);
          if (!"running".equals(batch.getValue())) {
            return ProviderEventReceipt.ALREADY_FINAL;
          }
          handle
              .createQuery("select pg_notify(:channel, :batchId)")
              .bind("channel", POLL_REQUESTS_CHANNEL)
              .bind("batchId", String.valueOf(batch.getKey()))
              .mapTo(String.class)
              .one();
          return ProviderEventReceipt.POLL_REQUESTED;
        });
  }

  @Override
  public int forgetProviderEventsBefore(Instant cutoff) {
    Timestamp before = Timestamp.from(Objects.requireNonNull(cutoff, "cutoff"));
    return jdbi.withHandle(
        handle ->
            handle
                .createUpdate(
                    "delete from <schema>.baton_provider_webhook_event where received_at < :cutoff")
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
                    "select "
                        + PostgresBatchStore.JOB_COLUMNS
                        + ", poll_requested_at from <schema>.baton_llm_batch"
                        + " where poll_requested_at is not null and status = 'running'"
                        + " order by poll_requested_at, id limit :limit")
                .bind("limit", limit)
                .map(
                    (row, context) ->
                        new PollRequest(
                            PostgresBatchStore.toJob(row, context),
                            row.getTimestamp("poll_requested_at").toInstant()))
                .list());
  }

  @Override
  public void clearPollRequest(long term, long batchId, Instant requestedAt) {
    Timestamp at = Timestamp.from(Objects.requireNonNull(requestedAt, "requestedAt"));
    fenced.inFencedTransaction(
        term,
        "clearing the poll request of batch " + batchId,
        handle ->
            handle
                .createUpdate(
                    "update <schema>.baton_llm_batch set poll_requested_at = null"
                        + " where id = :id and poll_requested_at = :at")
                .bind("id", batchId)
                .bind("at", at)
                .execute());
  }
}
