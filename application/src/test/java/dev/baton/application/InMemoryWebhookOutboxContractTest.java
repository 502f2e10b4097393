package dev.baton.application;

import dev.baton.domain.port.BatchPollerPort;
import dev.baton.domain.port.BatchTrackingPort;
import dev.baton.domain.port.WebhookDeliveryPort;
import dev.baton.testsupport.contract.WebhookOutboxContract;
import dev.baton.testsupport.fakes.InMemoryBatchStore;
import dev.baton.testsupport.fakes.SettableClock;
import java.util.concurrent.atomic.AtomicLong;

/** The in-memory outbox the application's tests use keeps the rules of the real ones. */
class InMemoryWebhookOutboxContractTest extends WebhookOutboxContract {
  private final AtomicLong term = new AtomicLong();
  private final InMemoryBatchStore store =
      new InMemoryBatchStore(SettableClock.atEpochDay(), term::get);

  @Override
  protected BatchTrackingPort tracking() {
    return store;
  }

  @Override
  protected BatchPollerPort poller() {
    return store;
  }

  @Override
  protected WebhookDeliveryPort deliveries() {
    return store;
  }

  @Override
  protected long grantNewTerm() {
    return term.incrementAndGet();
  }
}
