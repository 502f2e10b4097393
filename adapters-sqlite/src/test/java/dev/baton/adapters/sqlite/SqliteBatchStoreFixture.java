package dev.baton.adapters.sqlite;

import dev.baton.domain.InstanceId;
import dev.baton.domain.port.LeaderLease;
import java.nio.file.Path;

/** A migrated SQLite file with a batch store on it, and terms granted as a new leader would. */
final class SqliteBatchStoreFixture {
  private static final long LOCK_KEY = 7L;

  private final SqliteDatabase database;
  private final TestClock clock = TestClock.tickingFrom("2026-11-27T00:41:08.123Z");
  private final SqliteBatchStore store;
  private final SqliteWebhookDeliveries deliveries;
  private final SqlitePollRequests pollRequests;

  SqliteBatchStoreFixture(Path directory) {
    database = new SqliteDatabase("jdbc:sqlite:" + directory.resolve("baton.db"));
    database.migrate();
    store = new SqliteBatchStore(database, LOCK_KEY, clock);
    deliveries = new SqliteWebhookDeliveries(database, LOCK_KEY);
    pollRequests = new SqlitePollRequests(database, LOCK_KEY);
  }

  SqliteBatchStore store() {
    return store;
  }

  SqliteWebhookDeliveries deliveries() {
    return deliveries;
  }

  SqlitePollRequests pollRequests() {
    return pollRequests;
  }

  long grantNewTerm() {
    LeaderLease lease =
        new SqliteLocalLeadership(database, LOCK_KEY, new InstanceId("term-granter"), clock)
            .tryAcquire()
            .orElseThrow();
    lease.release();
    return lease.term();
  }
}
