package dev.baton.adapters.postgres;

import dev.baton.domain.DeliveryAttempt;
import dev.baton.domain.DeliveryStatus;
import dev.baton.domain.NewWebhookDelivery;
import dev.baton.domain.WebhookDelivery;
import dev.baton.domain.port.WebhookDeliveryPort;
import dev.baton.persistence.FencedTransactions;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The webhook outbox on PostgreSQL ({@code baton_webhook_delivery}). {@link PostgresBatchStore}
 * inserts a row in the transaction that stores a batch's final status; the delivery job's writes
 * are fenced. The payload is {@code jsonb}, so it is sent as PostgreSQL spells it — the same bytes
 * on every attempt, which is what the signature covers.
 */
public final class PostgresWebhookDeliveries implements WebhookDeliveryPort {
  private static final String COLUMNS =
      "id, event_id, batch_id, url, event_type, payload::text as payload, status, attempts,"
          + " next_attempt_at, last_attempt_at, last_status_code, last_error, created_at,"
          + " delivered_at";

  private final Jdbi jdbi;
  private final FencedTransactions fenced;

  public PostgresWebhookDeliveries(PostgresDatabase database, FencedTransactions fenced) {
    this.jdbi = database.jdbi();
    this.fenced = Objects.requireNonNull(fenced, "fenced");
  }

  /** Puts a delivery in the outbox, due at once; a second one per batch, event and URL is none. */
  static void insert(Handle handle, long batchId, NewWebhookDelivery delivery, Timestamp at) {
    handle
        .createUpdate(
            "insert into <schema>.baton_webhook_delivery (event_id, batch_id, url, event_type,"
                + " payload, status, attempts, next_attempt_at, created_at) values (:eventId,"
                + " :batchId, :url, :eventType, cast(:payload as jsonb), 'pending', 0, :at, :at)"
                + " on conflict do nothing")
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
                    "select "
                        + COLUMNS
                        + " from <schema>.baton_webhook_delivery where status = 'pending'"
                        + " and next_attempt_at <= :now order by next_attempt_at, id limit :limit")
                .bind("now", Timestamp.from(now))
                .bind("limit", limit)
                .map(PostgresWebhookDeliveries::toDelivery)
                .list());
  }

  @Override
  public long countPending() {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "select count(*) from <schema>.baton_webhook_delivery where status = 'pending'")
                .mapTo(Long.class)
                .one());
  }

  @Override
  public void recordAttempt(long term, DeliveryAttempt attempt) {
    fenced.inFencedTransaction(
        term,
        "recording an attempt of webhook delivery " + attempt.deliveryId(),
        handle ->
            handle
                .createUpdate(
                    "update <schema>.baton_webhook_delivery set attempts = attempts + 1,"
                        + " last_attempt_at = :at, last_status_code = :code, last_error = :error,"
                        + " status = :status, next_attempt_at = :next, delivered_at = case when"
                        + " :status = 'delivered' then :at else delivered_at end"
                        + " where id = :id and status = 'pending'")
                .bind("at", Timestamp.from(attempt.attemptedAt()))
                .bind("code", attempt.statusCode())
                .bind("error", attempt.error())
                .bind("status", attempt.status().wireName())
                .bind(
                    "next",
                    attempt.nextAttemptAt() == null
                        ? null
                        : Timestamp.from(attempt.nextAttemptAt()))
                .bind("id", attempt.deliveryId())
                .execute());
  }

  @Override
  public List<WebhookDelivery> forBatch(long batchId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "select "
                        + COLUMNS
                        + " from <schema>.baton_webhook_delivery where batch_id = :batchId"
                        + " order by id")
                .bind("batchId", batchId)
                .map(PostgresWebhookDeliveries::toDelivery)
                .list());
  }

  @Override
  public Optional<WebhookDelivery> findDelivery(long deliveryId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "select " + COLUMNS + " from <schema>.baton_webhook_delivery where id = :id")
                .bind("id", deliveryId)
                .map(PostgresWebhookDeliveries::toDelivery)
                .findOne());
  }

  @Override
  public Optional<WebhookDelivery> redeliver(long deliveryId, Instant now) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "update <schema>.baton_webhook_delivery set status = 'pending',"
                        + " next_attempt_at = :now where id = :id returning "
                        + COLUMNS)
                .bind("now", Timestamp.from(now))
                .bind("id", deliveryId)
                .map(PostgresWebhookDeliveries::toDelivery)
                .findOne());
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
        instant(row, "next_attempt_at"),
        instant(row, "last_attempt_at"),
        lastStatusCode,
        row.getString("last_error"),
        instant(row, "created_at"),
        instant(row, "delivered_at"));
  }

  private static Instant instant(ResultSet row, String column) throws SQLException {
    Timestamp value = row.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }
}
