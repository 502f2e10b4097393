package dev.baton.adapters.sqlite;

import dev.baton.domain.BatchStatus;
import dev.baton.domain.LlmBatchItem;
import dev.baton.domain.LlmBatchJob;
import dev.baton.domain.LlmProvider;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.statement.StatementContext;

/** How a tracked batch and its items are read from their rows. */
final class SqliteBatchRows {
  static final String JOB_COLUMNS =
      "id, provider, provider_batch_id, status, created_at, last_polled_at, latest_poll_response,"
          + " poll_error, completed_at, last_woken_at";
  static final String ITEM_COLUMNS = "id, batch_id, custom_id, request_status, result, updated_at";

  private SqliteBatchRows() {}

  static LlmBatchJob toJob(ResultSet row, StatementContext context) throws SQLException {
    return new LlmBatchJob(
        row.getLong("id"),
        LlmProvider.fromWire(row.getString("provider")),
        row.getString("provider_batch_id"),
        BatchStatus.fromWire(row.getString("status")),
        SqliteTimestamps.parse(row.getString("created_at")),
        SqliteTimestamps.parse(row.getString("last_polled_at")),
        row.getString("latest_poll_response"),
        row.getString("poll_error"),
        SqliteTimestamps.parse(row.getString("completed_at")),
        SqliteTimestamps.parse(row.getString("last_woken_at")));
  }

  static LlmBatchItem toItem(ResultSet row, StatementContext context) throws SQLException {
    return new LlmBatchItem(
        row.getLong("id"),
        row.getLong("batch_id"),
        row.getString("custom_id"),
        BatchStatus.fromWire(row.getString("request_status")),
        row.getString("result"),
        SqliteTimestamps.parse(row.getString("updated_at")));
  }
}
