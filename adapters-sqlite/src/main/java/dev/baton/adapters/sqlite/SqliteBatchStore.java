package dev.baton.adapters.sqlite;

import dev.baton.domain.port.ClockPort;
import dev.baton.persistence.JdbiBatchStore;

/**
 * Tracked batches and their items on SQLite ({@code baton_llm_batch}, {@code
 * baton_llm_batch_item}), in the statements shared with PostgreSQL and SQLite's {@link
 * SqliteBatchDialect} and {@link SqliteBatchWrites}. The poller's writes are fenced against the
 * term in {@code baton_leadership} like the job runs: their transaction begins as a writer, so no
 * new term can be granted between the check and the write. Timestamps are stored to the
 * millisecond.
 */
public final class SqliteBatchStore extends JdbiBatchStore {

  public SqliteBatchStore(SqliteDatabase database, long lockKey, ClockPort clock) {
    super(SqliteBatchDialect.on(database, lockKey), new SqliteBatchWrites(clock));
  }
}
