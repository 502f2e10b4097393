package dev.baton.adapters.sqlite;

import dev.baton.domain.port.BatchPollerPort;
import dev.baton.domain.port.BatchTrackingPort;
import dev.baton.domain.port.PollRequestPort;
import dev.baton.domain.port.ProviderWebhookInboxPort;
import dev.baton.testsupport.contract.PollRequestPortContract;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

class SqlitePollRequestsContractTest extends PollRequestPortContract {
  @TempDir Path directory;
  private SqliteBatchStoreFixture fixture;

  @BeforeEach
  void migrate() {
    fixture = new SqliteBatchStoreFixture(directory);
  }

  @Override
  protected ProviderWebhookInboxPort inbox() {
    return fixture.pollRequests();
  }

  @Override
  protected PollRequestPort pollRequests() {
    return fixture.pollRequests();
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
  protected long grantNewTerm() {
    return fixture.grantNewTerm();
  }
}
