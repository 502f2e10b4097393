package dev.baton.testsupport.contract;

import dev.baton.domain.port.BatchPollerPort;
import dev.baton.domain.port.BatchTrackingPort;
import dev.baton.domain.port.PollRequestPort;
import dev.baton.domain.port.ProviderWebhookInboxPort;
import dev.baton.domain.port.WebhookDeliveryPort;
import org.junit.jupiter.api.Nested;

/**
 * Every contract of a backend's batch stores — tracking, polling, the webhook outbox, poll requests
 * — run against one backend: its test class extends this one and says once where the stores are.
 * Each test starts on empty stores.
 */
public abstract class BatchStoreContracts {

  protected abstract BatchTrackingPort tracking();

  protected abstract BatchPollerPort poller();

  protected abstract WebhookDeliveryPort deliveries();

  protected abstract PollRequestPort pollRequests();

  protected abstract ProviderWebhookInboxPort inbox();

  /** Makes a new term the current one, as a new leader's grant does, and returns it. */
  protected abstract long grantNewTerm();

  @Nested
  class Tracking extends BatchTrackingPortContract {
    @Override
    protected BatchTrackingPort tracking() {
      return BatchStoreContracts.this.tracking();
    }

    @Override
    protected BatchPollerPort poller() {
      return BatchStoreContracts.this.poller();
    }

    @Override
    protected long grantNewTerm() {
      return BatchStoreContracts.this.grantNewTerm();
    }
  }

  @Nested
  class Polling extends BatchPollerPortContract {
    @Override
    protected BatchPollerPort poller() {
      return BatchStoreContracts.this.poller();
    }

    @Override
    protected BatchTrackingPort tracking() {
      return BatchStoreContracts.this.tracking();
    }

    @Override
    protected long grantNewTerm() {
      return BatchStoreContracts.this.grantNewTerm();
    }
  }

  @Nested
  class Outbox extends WebhookOutboxContract {
    @Override
    protected WebhookDeliveryPort deliveries() {
      return BatchStoreContracts.this.deliveries();
    }

    @Override
    protected BatchTrackingPort tracking() {
      return BatchStoreContracts.this.tracking();
    }

    @Override
    protected BatchPollerPort poller() {
      return BatchStoreContracts.this.poller();
    }

    @Override
    protected long grantNewTerm() {
      return BatchStoreContracts.this.grantNewTerm();
    }
  }

  @Nested
  class PollRequests extends PollRequestPortContract {
    @Override
    protected ProviderWebhookInboxPort inbox() {
      return BatchStoreContracts.this.inbox();
    }

    @Override
    protected PollRequestPort pollRequests() {
      return BatchStoreContracts.this.pollRequests();
    }

    @Override
    protected BatchTrackingPort tracking() {
      return BatchStoreContracts.this.tracking();
    }

    @Override
    protected BatchPollerPort poller() {
      return BatchStoreContracts.this.poller();
    }

    @Override
    protected long grantNewTerm() {
      return BatchStoreContracts.this.grantNewTerm();
    }
  }
}
