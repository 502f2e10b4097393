package dev.baton.adapters.sqlite;

import dev.baton.persistence.JdbiWebhookDeliveries;

/**
 * The webhook outbox on SQLite ({@code baton_webhook_delivery}); the delivery job's writes are
 * fenced against the term in {@code baton_leadership}. The payload is stored and sent as the text
 * built.
 */
public final class SqliteWebhookDeliveries extends JdbiWebhookDeliveries {

  public SqliteWebhookDeliveries(SqliteDatabase database, long lockKey) {
    super(SqliteBatchDialect.on(database, lockKey));
  }
}
