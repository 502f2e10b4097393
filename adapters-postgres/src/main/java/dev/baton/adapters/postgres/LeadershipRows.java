package dev.baton.adapters.postgres;

import dev.baton.domain.LeadershipRecord;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;

/** Reads {@code scheduler_leadership} rows. */
final class LeadershipRows {
  private LeadershipRows() {}

  static LeadershipRecord record(ResultSet rows) throws SQLException {
    Timestamp releasedAt = rows.getTimestamp("released_at");
    return new LeadershipRecord(
        rows.getLong("term"),
        rows.getString("holder_instance_id"),
        rows.getLong("holder_pid"),
        rows.getTimestamp("acquired_at").toInstant(),
        releasedAt == null ? null : releasedAt.toInstant(),
        rows.getBoolean("released_cleanly"));
  }

  /** The row of {@code lockKey} as the lock session sees it. */
  static Optional<LeadershipRecord> read(LockSession session, long lockKey) throws SQLException {
    return session.exclusively(
        () -> {
          try (PreparedStatement statement =
              session
                  .connection()
                  .prepareStatement(
                      "select term, holder_instance_id, holder_pid, acquired_at, released_at,"
                          + " released_cleanly from scheduler_leadership where lock_key = ?")) {
            statement.setLong(1, lockKey);
            try (ResultSet rows = statement.executeQuery()) {
              return rows.next() ? Optional.of(record(rows)) : Optional.empty();
            }
          }
        });
  }
}
