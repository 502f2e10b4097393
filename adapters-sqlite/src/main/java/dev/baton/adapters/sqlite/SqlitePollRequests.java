package dev.baton.adapters.sqlite;

import dev.baton.persistence.JdbiPollRequests;

/**
 * Providers' webhooks and the polls they ask for on SQLite. Timestamps are stored to the
 * millisecond, as everywhere on SQLite.
 */
public final class SqlitePollRequests extends JdbiPollRequests {

  public SqlitePollRequests(SqliteDatabase database, long lockKey) {
    super(SqliteBatchDialect.on(database, lockKey));
  }
}
