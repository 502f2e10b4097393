package dev.baton.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.jdbi.v3.core.mapper.ColumnMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Reads a timestamp column with the {@link Instant} mapper the backend's Jdbi has registered. */
public final class Timestamps {
  private Timestamps() {}

  /** The column as an instant, or null. */
  public static Instant column(ResultSet row, String column, StatementContext context)
      throws SQLException {
    ColumnMapper<Instant> mapper =
        context
            .findColumnMapperFor(Instant.class)
            .orElseThrow(() -> new IllegalStateException("no Instant column mapper registered"));
    return mapper.map(row, column, context);
  }
}
