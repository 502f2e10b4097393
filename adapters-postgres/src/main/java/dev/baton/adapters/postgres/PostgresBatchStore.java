package dev.baton.adapters.postgres;

import dev.baton.persistence.FencedTransactions;
import dev.baton.persistence.JdbiBatchStore;

/**
 * Tracked batches and their items on PostgreSQL ({@code baton_llm_batch}, {@code
 * baton_llm_batch_item}), in the statements shared with SQLite and PostgreSQL's {@link
 * PostgresBatchDialect}.
 */
public final class PostgresBatchStore extends JdbiBatchStore {

  public PostgresBatchStore(PostgresDatabase database, FencedTransactions fenced) {
    super(PostgresBatchDialect.on(database, fenced), PostgresBatchDialect.INSTANCE);
  }
}
