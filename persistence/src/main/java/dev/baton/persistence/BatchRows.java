package dev.baton.persistence;

import dev.baton.domain.BatchStatus;
import dev.baton.domain.LlmBatchItem;
import dev.baton.domain.LlmBatchJob;
import dev.baton.domain.LlmProvider;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.statement.StatementContext;

/** How a tracked batch and its items are selected and read from their rows. */
final class BatchRows {
  private BatchRows() {}

  static String jobColumns(BatchDialect dialect) {
    return "id, provider, provider_batch_id, status, created_at, last_polled_at, "
        + dialect.jsonColumn("latest_poll_response")
        + ", poll_error, completed_at, last_woken_at";
  }

  static String itemColumns(BatchDialect dialect) {
    return "id, batch_id, custom_id, request_status, "
        + dialect.jsonColumn("result")
        + ", updated_at";
  }

  static LlmBatchJob toJob(ResultSet row, StatementContext context) throws SQLException {
    return new LlmBatchJob(
        row.getLong("id"),
        LlmProvider.fromWire(row.getString("provider")),
        row.getString("provider_batch_id"),
        BatchStatus.fromWire(row.getString("status")),
        Timestamps.column(row, "created_at", context),
        Timestamps.column(row, "last_polled_at", context),
        row.getString("latest_poll_response"),
        row.getString("poll_error"),
        Timestamps.column(row, "completed_at", context),
        Timestamps.column(row, "last_woken_at", context));
  }

  static LlmBatchItem toItem(ResultSet row, StatementContext context) throws SQLException {
    return new LlmBatchItem(
        row.getLong("id"),
        row.getLong("batch_id"),
        row.getString("custom_id"),
        BatchStatus.fromWire(row.getString("request_status")),
        row.getString("result"),
        Timestamps.column(row, "updated_at", context));
  }
}
