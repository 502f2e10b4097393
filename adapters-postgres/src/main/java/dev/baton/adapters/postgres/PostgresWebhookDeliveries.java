package dev.baton.adapters.postgres;

import dev.baton.persistence.FencedTransactions;
import dev.baton.persistence.JdbiWebhookDeliveries;

/**
 * The webhook outbox on PostgreSQL ({@code baton_webhook_delivery}). The payload is {@code jsonb},
 * so it is sent as PostgreSQL spells it — the same bytes on every attempt.
 */
public final class PostgresWebhookDeliveries extends JdbiWebhookDeliveries {

  public PostgresWebhookDeliveries(PostgresDatabase database, FencedTransactions fenced) {
    super(PostgresBatchDialect.on(database, fenced));
  }
}
