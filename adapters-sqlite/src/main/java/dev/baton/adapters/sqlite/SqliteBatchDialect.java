package dev.baton.adapters.sqlite;

import dev.baton.persistence.BatchDatabase;
import dev.baton.persistence.BatchDialect;
import org.jdbi.v3.core.Handle;

/**
 * Batches on SQLite: JSON is stored and read as the text given; rows are never locked, for every
 * write transaction already holds the database; nobody listens for poll requests.
 */
final class SqliteBatchDialect implements BatchDialect {
  static final SqliteBatchDialect INSTANCE = new SqliteBatchDialect();

  private SqliteBatchDialect() {}

  /**
   * The batch stores' database: {@code database}, its writes fenced by the term of {@code lockKey}.
   */
  static BatchDatabase on(SqliteDatabase database, long lockKey) {
    return new BatchDatabase(
        database.jdbi(), new SqliteFencedTransactions(database, lockKey), INSTANCE);
  }

  @Override
  public String jsonColumn(String column) {
    return column;
  }

  @Override
  public String jsonValue(String parameter) {
    return ":" + parameter;
  }

  @Override
  public String lockUntilCommit() {
    return "";
  }

  /** SQLite sorts nulls first by itself. */
  @Override
  public String pollingOrder() {
    return "last_polled_at, id";
  }

  /** {@code LIMIT -1} is no limit on SQLite. */
  @Override
  public Integer noLimit() {
    return -1;
  }

  @Override
  public void pollRequested(Handle handle, long batchId) {}
}
