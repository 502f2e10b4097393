package dev.baton.persistence;

import dev.baton.domain.DeliveryAttempt;
import dev.baton.domain.DeliveryStatus;
import dev.baton.domain.NewWebhookDelivery;
import dev.baton.domain.WebhookDelivery;
import dev.baton.domain.port.WebhookDeliveryPort;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The webhook outbox ({@code baton_webhook_delivery}) on either backend. {@link JdbiBatchStore}
 * inserts a row in the transaction that stores a batch's final status; the delivery job's writes
 * are fenced. The payload is sent as the database gives it back, the same bytes on every attempt,
 * which is what the signature covers.
 */
public abstract class JdbiWebhookDeliveries implements WebhookDeliveryPort {
  private final BatchDatabase database;
  private final Jdbi jdbi;
  private final String columns;

  protected JdbiWebhookDeliveries(BatchDatabase database) {
    this.database = Objects.requireNonNull(database, "database");
    this.jdbi = database.jdbi();
    this.columns =
        "id, event_id, batch_id, url, event_type, "
            + database.dialect().jsonColumn("payload")
            + ", status, attempts, next_attempt_at, last_attempt_at, last_status_code,"
            + " last_error, created_at, delivered_at";
  }

  /** Puts a delivery in the outbox, due at once; a second one per batch, event and URL is none. */
  static void insert(
      Handle handle, BatchDialect dialect, long batchId, NewWebhookDelivery delivery, Instant at) {
    handle
        .createUpdate(
            """
            INSERT INTO <schema>.baton_webhook_delivery (event_id, batch_id, url, event_type,
                payload, status, attempts, next_attempt_at, created_at)
            VALUES (:eventId, :batchId, :url, :eventType, %s, 'pending', 0, :at, :at)
            ON CONFLICT DO NOTHING
            """
                .formatted(dialect.jsonValue("payload")))
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
    return select(
        "status = 'pending' AND next_attempt_at <= :now ORDER BY next_attempt_at, id LIMIT :limit",
        query -> query.bind("now", now).bind("limit", limit));
  }

  /** The deliveries {@code condition} selects, in its order. */
  private List<WebhookDelivery> select(String conditionAndOrder, Consumer<Query> bindings) {
    return Selects.list(
        jdbi,
        "SELECT " + columns + " FROM <schema>.baton_webhook_delivery WHERE " + conditionAndOrder,
        bindings,
        JdbiWebhookDeliveries::toDelivery);
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
    database
        .fenced()
        .inFencedTransaction(
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
                    .bind("at", attempt.attemptedAt())
                    .bind("code", attempt.statusCode())
                    .bind("error", attempt.error())
                    .bind("status", attempt.status().wireName())
                    .bindByType("next", attempt.nextAttemptAt(), Instant.class)
                    .bind("id", attempt.deliveryId())
                    .execute());
  }

  @Override
  public List<WebhookDelivery> forBatch(long batchId) {
    return select("batch_id = :batchId ORDER BY id", query -> query.bind("batchId", batchId));
  }

  @Override
  public Optional<WebhookDelivery> findDelivery(long deliveryId) {
    return select("id = :id", query -> query.bind("id", deliveryId)).stream().findFirst();
  }

  @Override
  public Optional<WebhookDelivery> redeliver(long deliveryId, Instant now) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "UPDATE <schema>.baton_webhook_delivery SET status = 'pending',"
                        + " next_attempt_at = :now WHERE id = :id RETURNING "
                        + columns)
                .bind("now", now)
                .bind("id", deliveryId)
                .map(JdbiWebhookDeliveries::toDelivery)
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
        Timestamps.column(row, "next_attempt_at", context),
        Timestamps.column(row, "last_attempt_at", context),
        lastStatusCode,
        row.getString("last_error"),
        Timestamps.column(row, "created_at", context),
        Timestamps.column(row, "delivered_at", context));
  }
}
