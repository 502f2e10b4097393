package dev.baton.embedded;

import dev.baton.domain.DatabaseFailure;
import dev.baton.domain.port.BatchPollerPort;
import dev.baton.domain.port.BatchTrackingPort;
import dev.baton.domain.port.ClockPort;
import dev.baton.domain.port.InstanceRegistryPort;
import dev.baton.domain.port.JobRunPort;
import dev.baton.domain.port.LeadershipPort;
import dev.baton.domain.port.PollRequestPort;
import dev.baton.domain.port.WebhookDeliveryPort;
import dev.baton.persistence.FencedTransactions;
import java.util.Optional;

/** One database as Baton uses it: its ports, its fence, its migrations, its end. */
interface Backend extends AutoCloseable {

  /** {@code postgres} or {@code sqlite}. */
  String name();

  /** The database as configured, any password masked, for messages. */
  String location();

  LeadershipPort leadership(ClockPort clock);

  JobRunPort jobRuns();

  InstanceRegistryPort instances();

  /** The tracked batches, as the polling job sees them. */
  BatchPollerPort batchPoller();

  /** The polls providers' webhooks asked for, as the polling job sees them. */
  PollRequestPort pollRequests();

  /** The outbox of completion webhooks. */
  WebhookDeliveryPort webhookDeliveries();

  /** The tracked batches, as a caller that hands them over sees them. */
  BatchTrackingPort batchTracking();

  FencedTransactions fencing();

  /** One connection attempt; throws what the driver throws. */
  void checkConnection();

  /** Applies Baton's pending migrations; throws while the database is unreachable. */
  void migrate();

  /** What {@code error} means for this database, or empty when it is not a database failure. */
  Optional<DatabaseFailure> classify(Throwable error);

  @Override
  void close();
}
