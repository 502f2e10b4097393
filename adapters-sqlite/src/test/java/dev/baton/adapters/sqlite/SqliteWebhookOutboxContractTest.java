package dev.baton.adapters.sqlite;

import dev.baton.domain.port.BatchPollerPort;
import dev.baton.domain.port.BatchTrackingPort;
import dev.baton.domain.port.WebhookDeliveryPort;
import dev.baton.testsupport.contract.WebhookOutboxContract;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

class SqliteWebhookOutboxContractTest extends WebhookOutboxContract {
  @TempDir Path directory;
  private SqliteBatchStoreFixture fixture;

  @BeforeEach
  void migrate() {
    fixture = new SqliteBatchStoreFixture(directory);
  }

  @Override
  protected BatchTrackingPort tracking() {
    return fixture.store();
  }

  @Override
  protected BatchPollerPort poller() {
    return fixture.store();
  }

  @Override
  protected WebhookDeliveryPort deliveries() {
    return fixture.deliveries();
  }

  @Override
  protected long grantNewTerm() {
    return fixture.grantNewTerm();
  }
}
