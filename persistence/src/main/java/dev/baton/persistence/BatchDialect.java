package dev.baton.persistence;

import org.jdbi.v3.core.Handle;

/**
 * How each database spells what the shared statements on tracked batches, their outbox and their
 * poll requests leave open: how JSON is read and written, how a batch row stays locked, the order
 * and limits of the polling query, and what follows a poll request.
 */
public interface BatchDialect {

  /** The JSON column in a select list, read back as text under its own name. */
  String jsonColumn(String column);

  /** The bound text parameter as a value of a JSON column. */
  String jsonValue(String parameter);

  /** What ends a select of a batch row in a write transaction, so that it stays locked. */
  String lockUntilCommit();

  /** The order of running batches to poll: never polled first, then the oldest poll, then id. */
  String pollingOrder();

  /** The bound limit that is no limit. */
  Integer noLimit();

  /**
   * Tells whoever listens that a provider asked for a poll of the running batch {@code batchId}.
   */
  void pollRequested(Handle handle, long batchId);
}
