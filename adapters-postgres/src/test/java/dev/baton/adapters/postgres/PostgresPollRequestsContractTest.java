package dev.baton.adapters.postgres;

import dev.baton.domain.port.BatchPollerPort;
import dev.baton.domain.port.BatchTrackingPort;
import dev.baton.domain.port.PollRequestPort;
import dev.baton.domain.port.ProviderWebhookInboxPort;
import dev.baton.testsupport.contract.PollRequestPortContract;
import dev.baton.testsupport.postgres.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresPollRequestsContractTest extends PollRequestPortContract {
  @RegisterExtension static final TestPostgres postgres = new TestPostgres();

  private PostgresBatchStoreFixture fixture;

  @BeforeEach
  void freshTables() {
    fixture = new PostgresBatchStoreFixture(postgres);
  }

  @AfterEach
  void close() {
    fixture.close();
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
