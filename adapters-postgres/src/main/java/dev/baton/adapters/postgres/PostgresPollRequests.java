package dev.baton.adapters.postgres;

import dev.baton.persistence.FencedTransactions;
import dev.baton.persistence.JdbiPollRequests;

/**
 * Providers' webhooks and the polls they ask for on PostgreSQL. A request also notifies channel
 * {@value #POLL_REQUESTS_CHANNEL} with the batch's id, so a listener need not wait for the leader's
 * next look.
 */
public final class PostgresPollRequests extends JdbiPollRequests {
  public static final String POLL_REQUESTS_CHANNEL = PostgresBatchDialect.POLL_REQUESTS_CHANNEL;

  public PostgresPollRequests(PostgresDatabase database, FencedTransactions fenced) {
    super(PostgresBatchDialect.on(database, fenced));
  }
}
