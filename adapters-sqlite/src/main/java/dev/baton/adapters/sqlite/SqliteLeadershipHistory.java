package dev.baton.adapters.sqlite;

import dev.baton.domain.LeadershipTerm;
import dev.baton.domain.LeadershipUnavailableException;
import dev.baton.domain.port.LeadershipHistoryPort;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * The leadership's terms on SQLite, as {@link SqliteLocalLeadership} writes them: each start of a
 * process that leads begins a term.
 */
public final class SqliteLeadershipHistory implements LeadershipHistoryPort {
  private final Jdbi jdbi;
  private final long lockKey;

  public SqliteLeadershipHistory(SqliteDatabase database, long lockKey) {
    this.jdbi = database.jdbi();
    this.lockKey = lockKey;
  }

  @Override
  public List<LeadershipTerm> recentTerms(int limit) {
    try {
      return jdbi.withHandle(handle -> LeadershipHistoryTable.recent(handle, lockKey, limit));
    } catch (JdbiException e) {
      throw new LeadershipUnavailableException("cannot read the leadership history", e);
    }
  }
}
