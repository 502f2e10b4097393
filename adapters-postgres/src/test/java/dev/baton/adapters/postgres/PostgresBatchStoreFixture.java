package dev.baton.adapters.postgres;

import dev.baton.testsupport.postgres.TestPostgres;

/**
 * A migrated PostgreSQL database emptied of batches and terms, with a batch store on it, and terms
 * granted as a new leader's takeover would.
 */
final class PostgresBatchStoreFixture implements AutoCloseable {
  private final PostgresElectors electors;
  private final PostgresDatabase database;
  private final PostgresBatchStore store;
  private final PostgresWebhookDeliveries deliveries;
  private final PostgresPollRequests pollRequests;

  PostgresBatchStoreFixture(TestPostgres postgres) {
    electors = new PostgresElectors(postgres);
    database = electors.database("baton-batches");
    database.migrate();
    database
        .jdbi()
        .useHandle(
            h ->
                h.execute(
                    "truncate <schema>.baton_webhook_delivery, <schema>.baton_llm_batch_item,"
                        + " <schema>.baton_llm_batch, <schema>.baton_leadership,"
                        + " <schema>.baton_provider_webhook_event"));
    PostgresFencedTransactions fencing = new PostgresFencedTransactions(database);
    store = new PostgresBatchStore(database, fencing);
    deliveries = new PostgresWebhookDeliveries(database, fencing);
    pollRequests = new PostgresPollRequests(database, fencing);
  }

  PostgresBatchStore store() {
    return store;
  }

  PostgresWebhookDeliveries deliveries() {
    return deliveries;
  }

  PostgresPollRequests pollRequests() {
    return pollRequests;
  }

  long grantNewTerm() {
    return database
        .jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "insert into <schema>.baton_leadership as l (lock_key, term, holder_instance_id,"
                            + " holder_pid, acquired_at) values (:key, 1, 'test', 0,"
                            + " clock_timestamp()) on conflict (lock_key) do update set term ="
                            + " l.term + 1 returning term")
                    .bind("key", electors.lockKey())
                    .mapTo(Long.class)
                    .one());
  }

  @Override
  public void close() {
    electors.close();
  }
}
