package dev.baton.adapters.postgres;

import dev.baton.testsupport.contract.BatchStoreContracts;
import dev.baton.testsupport.postgres.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The batch stores' contracts on a migrated PostgreSQL database emptied of batches and terms before
 * each test, terms granted as a new leader's takeover would.
 */
class PostgresBatchStoreContractsTest extends BatchStoreContracts {
  @RegisterExtension static final TestPostgres postgres = new TestPostgres();

  private PostgresElectors electors;
  private PostgresDatabase database;
  private PostgresBatchStore store;
  private PostgresWebhookDeliveries deliveries;
  private PostgresPollRequests pollRequests;

  @BeforeEach
  void freshTables() {
    electors = new PostgresElectors(postgres);
    database =
        electors.emptied(
            "baton-batches",
            "baton_webhook_delivery",
            "baton_llm_batch_item",
            "baton_llm_batch",
            "baton_leadership",
            "baton_provider_webhook_event");
    PostgresFencedTransactions fencing = new PostgresFencedTransactions(database);
    store = new PostgresBatchStore(database, fencing);
    deliveries = new PostgresWebhookDeliveries(database, fencing);
    pollRequests = new PostgresPollRequests(database, fencing);
  }

  @AfterEach
  void close() {
    electors.close();
  }

  @Override
  protected PostgresBatchStore tracking() {
    return store;
  }

  @Override
  protected PostgresBatchStore poller() {
    return store;
  }

  @Override
  protected PostgresWebhookDeliveries deliveries() {
    return deliveries;
  }

  @Override
  protected PostgresPollRequests pollRequests() {
    return pollRequests;
  }

  @Override
  protected PostgresPollRequests inbox() {
    return pollRequests;
  }

  @Override
  protected long grantNewTerm() {
    return electors.grantNewTerm(database);
  }
}
