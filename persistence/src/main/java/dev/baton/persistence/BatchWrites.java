package dev.baton.persistence;

import dev.baton.domain.BatchPollUpdate;
import dev.baton.domain.ItemResultUpdate;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The writes of many batch rows at once, which each database does its own fastest way; each runs in
 * the caller's transaction.
 */
public interface BatchWrites {

  /** Inserts a new batch's items, {@code created} at {@code createdAt}, in the order given. */
  void insertItems(Handle handle, long batchId, List<String> customIds, Instant createdAt);

  /** Stores each poll on its batch while that batch is running. */
  void recordPolls(Handle handle, List<BatchPollUpdate> polls);

  /** Inserts or replaces the items' results, updated now. */
  void upsertResults(Handle handle, long batchId, Collection<ItemResultUpdate> results);
}
