package dev.baton.embedded.internal;

import dev.baton.domain.DatabaseFailure;
import dev.baton.domain.port.BatchPollerPort;
import dev.baton.domain.port.BatchTrackingPort;
import dev.baton.domain.port.InstanceRegistryPort;
import dev.baton.domain.port.PollRequestPort;
import dev.baton.domain.port.ProviderWebhookInboxPort;
import dev.baton.domain.port.WebhookDeliveryPort;
import dev.baton.persistence.JdbiInstanceRegistry;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;

/**
 * What every database keeps alike: one store of each kind, handed to whoever asks, and the
 * connection attempt, the migrations and the reading of errors each database does its own way.
 */
abstract class StoredBackend implements Backend {

  /** A connection attempt, closed at once. */
  @FunctionalInterface
  interface ConnectionAttempt {
    void connect() throws SQLException;
  }

  /** How one database is opened, migrated and understood. */
  record Access(
      ConnectionAttempt connect,
      Runnable migrate,
      Function<Throwable, Optional<DatabaseFailure>> classify) {}

  private final String name;
  private final Access access;
  private final BatchPollerPort batchPoller;
  private final BatchTrackingPort batchTracking;
  private final PollRequestPort pollRequests;
  private final ProviderWebhookInboxPort providerWebhookInbox;
  private final WebhookDeliveryPort webhookDeliveries;
  private final InstanceRegistryPort instances;

  /**
   * @param batches the tracked batches, as the poller and as the API see them
   * @param pollRequests the polls providers' webhooks ask for, as both ends see them
   */
  <
          B extends BatchPollerPort & BatchTrackingPort,
          P extends PollRequestPort & ProviderWebhookInboxPort>
      StoredBackend(
          String name,
          Access access,
          B batches,
          P pollRequests,
          WebhookDeliveryPort webhookDeliveries,
          Jdbi jdbi) {
    this.name = name;
    this.access = access;
    this.batchPoller = batches;
    this.batchTracking = batches;
    this.pollRequests = pollRequests;
    this.providerWebhookInbox = pollRequests;
    this.webhookDeliveries = webhookDeliveries;
    this.instances = new JdbiInstanceRegistry(jdbi);
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final void checkConnection() {
    try {
      access.connect().connect();
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  @Override
  public final void migrate() {
    access.migrate().run();
  }

  @Override
  public final Optional<DatabaseFailure> classify(Throwable error) {
    return access.classify().apply(error);
  }

  @Override
  public final InstanceRegistryPort instances() {
    return instances;
  }

  @Override
  public final BatchPollerPort batchPoller() {
    return batchPoller;
  }

  @Override
  public final PollRequestPort pollRequests() {
    return pollRequests;
  }

  @Override
  public final ProviderWebhookInboxPort providerWebhookInbox() {
    return providerWebhookInbox;
  }

  @Override
  public final WebhookDeliveryPort webhookDeliveries() {
    return webhookDeliveries;
  }

  @Override
  public final BatchTrackingPort batchTracking() {
    return batchTracking;
  }
}
