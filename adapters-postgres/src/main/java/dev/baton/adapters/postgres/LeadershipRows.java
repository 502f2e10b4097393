package dev.baton.adapters.postgres;

import dev.baton.domain.LeadershipRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;

/** Reads {@code baton_leadership} rows. */
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
}
