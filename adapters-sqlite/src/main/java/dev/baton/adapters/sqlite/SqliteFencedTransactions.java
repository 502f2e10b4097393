package dev.baton.adapters.sqlite;

import dev.baton.persistence.FencedTransactions;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * The fence on SQLite: every transaction begins as a writer ({@code BEGIN IMMEDIATE}, see {@link
 * SqliteDatabase}), so the term read inside it cannot change before it commits.
 */
public final class SqliteFencedTransactions implements FencedTransactions {
  private final Jdbi jdbi;
  private final long lockKey;

  public SqliteFencedTransactions(SqliteDatabase database, long lockKey) {
    this.jdbi = database.jdbi();
    this.lockKey = lockKey;
  }

  @Override
  public <T, X extends Exception> T inFencedTransaction(
      long term, String operation, HandleCallback<T, X> write) throws X {
    return jdbi.inTransaction(
        handle -> {
          LeadershipTable.requireCurrentTerm(handle, lockKey, term, operation);
          return write.withHandle(handle);
        });
  }
}
