package dev.baton.adapters.sqlite;

import dev.baton.domain.DeliveryAttempt;
import dev.baton.domain.DeliveryStatus;
import dev.baton.domain.NewWebhookDelivery;
import dev.baton.domain.WebhookDelivery;
import dev.baton.domain.port.WebhookDeliveryPort;
import dev.baton.persistence.FencedTransactions;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The webhook outbox on SQLite ({@code baton_webhook_delivery}). {@link SqliteBatchStore} inserts a
 * row in the transaction that stores a batch's final status; the delivery job's writes are fenced
 * against the term in {@code baton_leadership}. The payload is stored and sent as the text built.
 */
public final class SqliteWebhookDeliveries implements WebhookDeliveryPort {
  private static final String COLUMNS =
      "id, event_id, batch_id, url, event_type, payload, status, attempts, next_attempt_at,"
          + " last_attempt_at, last_status_code, last_error, created_at, delivered_at";

  private final Jdbi jdbi;
  private final FencedTransactions fenced;

  public SqliteWebhookDeliveries(SqliteDatabase database, long lockKey) {
    this.jdbi = database.jdbi();
    this.fenced = new SqliteFencedTransactions(database, lockKey);
  }

  /** Puts a delivery in the outbox, due at once; a second one per batch, event and URL is none. */
  static void insert(Handle handle, long batchId, NewWebhookDelivery delivery, String at) {
    handle
        .createUpdate(
            """
            INSERT INTO <schema>.baton_webhook_delivery (event_id, batch_id, url, event_type,
                payload, status, attempts, next_attempt_at, created_at)
            VALUES (:eventId, :batchId, :url, :eventType, :payload, 'pending', 0, :at, :at)
            ON CONFLICT DO NOTHING
            """)
        .bind("eventId", delivery.eventId())
        .bind("batchId", batchId)
        .bind("url", delivery.url())
        .bind("eventType", delivery.eventType())
        .bind("payload", delivery.payload())
        .bind("at", at)
        .execute();
  }

  @Override
  public List<WebhookDelivery> due(Instant now, int limit) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM <schema>.baton_webhook_delivery WHERE status = 'pending'"
                        + " AND next_attempt_at <= :now ORDER BY next_attempt_at, id LIMIT :limit")
                .bind("now", SqliteTimestamps.format(now))
                .bind("limit", limit)
                .map(SqliteWebhookDeliveries::toDelivery)
                .list());
  }

  @Override
  public long countPending() {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT count(*) FROM <schema>.baton_webhook_delivery WHERE status = 'pending'")
                .mapTo(Long.class)
                .one());
  }

  @Override
  public void recordAttempt(long term, DeliveryAttempt attempt) {
    String at = SqliteTimestamps.format(attempt.attemptedAt());
    fenced.inFencedTransaction(
        term,
        "recording an attempt of webhook delivery " + attempt.deliveryId(),
        handle ->
            handle
                .createUpdate(
                    """
                    UPDATE <schema>.baton_webhook_delivery
                    SET attempts = attempts + 1, last_attempt_at = :at,
                        last_status_code = :code, last_error = :error, status = :status,
                        next_attempt_at = :next,
                        delivered_at = CASE WHEN :status = 'delivered' THEN :at ELSE delivered_at END
                    WHERE id = :id AND status = 'pending'
                    """)
                .bind("at", at)
                .bind("code", attempt.statusCode())
                .bind("error", attempt.error())
                .bind("status", attempt.status().wireName())
                .bind("next", SqliteTimestamps.format(attempt.nextAttemptAt()))
                .bind("id", attempt.deliveryId())
                .execute());
  }

  @Override
  public List<WebhookDelivery> forBatch(long batchId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM <schema>.baton_webhook_delivery WHERE batch_id = :batchId"
                        + " ORDER BY id")
                .bind("batchId", batchId)
                .map(SqliteWebhookDeliveries::toDelivery)
                .list());
  }

  @Override
  public Optional<WebhookDelivery> findDelivery(long deliveryId) {
    return jdbi.withHandle(handle -> find(handle, deliveryId));
  }

  private static Optional<WebhookDelivery> find(Handle handle, long deliveryId) {
    return handle
        .createQuery("SELECT " + COLUMNS + " FROM <schema>.baton_webhook_delivery WHERE id = :id")
        .bind("id", deliveryId)
        .map(SqliteWebhookDeliveries::toDelivery)
        .findOne();
  }

  @Override
  public Optional<WebhookDelivery> redeliver(long deliveryId, Instant now) {
    return jdbi.inTransaction(
        handle -> {
          handle
              .createUpdate(
                  "UPDATE <schema>.baton_webhook_delivery SET status = 'pending',"
                      + " next_attempt_at = :now WHERE id = :id")
              .bind("now", SqliteTimestamps.format(now))
              .bind("id", deliveryId)
              .execute();
          return find(handle, deliveryId);
        });
  }

  private static WebhookDelivery toDelivery(ResultSet row, StatementContext context)
      throws SQLException {
    int code = row.getInt("last_status_code");
    Integer lastStatusCode = row.wasNull() ? null : code;
    return new WebhookDelivery(
        row.getLong("id"),
        row.getString("event_id"),
        row.getLong("batch_id"),
        row.getString("url"),
        row.getString("event_type"),
        row.getString("payload"),
        DeliveryStatus.fromWire(row.getString("status")),
        row.getInt("attempts"),
        SqliteTimestamps.parse(row.getString("next_attempt_at")),
        SqliteTimestamps.parse(row.getString("last_attempt_at")),
        lastStatusCode,
        row.getString("last_error"),
        SqliteTimestamps.parse(row.getString("created_at")),
        SqliteTimestamps.parse(row.getString("delivered_at")));
  }
}
