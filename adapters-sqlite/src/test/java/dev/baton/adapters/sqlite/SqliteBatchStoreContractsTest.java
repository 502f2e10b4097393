package dev.baton.adapters.sqlite;

import dev.baton.testsupport.contract.BatchStoreContracts;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The batch stores' contracts on a new migrated SQLite file for each test. */
class SqliteBatchStoreContractsTest extends BatchStoreContracts {
  private static final long LOCK_KEY = 7L;

  @TempDir Path directory;
  private final TestClock clock = TestClock.tickingFrom("2026-11-27T00:41:08.123Z");
  private SqliteDatabase database;
  private SqliteBatchStore store;
  private SqliteWebhookDeliveries deliveries;
  private SqlitePollRequests pollRequests;

  @BeforeEach
  void migrate() {
    database = TestDatabases.migratedFile(directory);
    store = new SqliteBatchStore(database, LOCK_KEY, clock);
    deliveries = new SqliteWebhookDeliveries(database, LOCK_KEY);
    pollRequests = new SqlitePollRequests(database, LOCK_KEY);
  }

  @Override
  protected SqliteBatchStore tracking() {
    return store;
  }

  @Override
  protected SqliteBatchStore poller() {
    return store;
  }

  @Override
  protected SqliteWebhookDeliveries deliveries() {
    return deliveries;
  }

  @Override
  protected SqlitePollRequests pollRequests() {
    return pollRequests;
  }

  @Override
  protected SqlitePollRequests inbox() {
    return pollRequests;
  }

  @Override
  protected long grantNewTerm() {
    return TestDatabases.grantNewTerm(database, LOCK_KEY, clock);
  }
}
