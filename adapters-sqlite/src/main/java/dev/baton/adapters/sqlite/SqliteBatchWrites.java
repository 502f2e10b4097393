package dev.baton.adapters.sqlite;

import dev.baton.domain.BatchPollUpdate;
import dev.baton.domain.ItemResultUpdate;
import dev.baton.domain.port.ClockPort;
import dev.baton.persistence.BatchWrites;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Many batch rows at once on SQLite: batched statements of at most {@value #ROWS_PER_BATCH} rows;
 * an item's {@code updated_at} is read from {@code clock}.
 */
final class SqliteBatchWrites implements BatchWrites {
  // Bounds the bindings a batched statement holds in memory at once.
  private static final int ROWS_PER_BATCH = 10_000;

  private final ClockPort clock;

  SqliteBatchWrites(ClockPort clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void insertItems(Handle handle, long batchId, List<String> customIds, Instant createdAt) {
    inBatches(
        handle,
        """
        INSERT INTO <schema>.baton_llm_batch_item (batch_id, custom_id, request_status, updated_at)
        VALUES (:batchId, :customId, 'created', :updatedAt)
        """,
        customIds,
        (statement, customId) ->
            statement
                .bind("batchId", batchId)
                .bind("customId", customId)
                .bind("updatedAt", createdAt));
  }

  @Override
  public void recordPolls(Handle handle, List<BatchPollUpdate> polls) {
    inBatches(
        handle,
        """
        UPDATE <schema>.baton_llm_batch
        SET last_polled_at = :polledAt,
            latest_poll_response = coalesce(:response, latest_poll_response),
            poll_error = :error
        WHERE id = :id AND status = 'running'
        """,
        polls,
        (statement, poll) ->
            statement
                .bind("polledAt", poll.polledAt())
                .bind("response", poll.latestPollResponse())
                .bind("error", poll.pollError())
                .bind("id", poll.batchId()));
  }

  @Override
  public void upsertResults(Handle handle, long batchId, Collection<ItemResultUpdate> results) {
    Instant updatedAt = clock.now();
    inBatches(
        handle,
        """
        INSERT INTO <schema>.baton_llm_batch_item (batch_id, custom_id, request_status, result, updated_at)
        VALUES (:batchId, :customId, :status, :result, :updatedAt)
        ON CONFLICT (batch_id, custom_id) DO UPDATE SET
            request_status = excluded.request_status,
            result = excluded.result,
            updated_at = excluded.updated_at
        """,
        results,
        (statement, result) ->
            statement
                .bind("batchId", batchId)
                .bind("customId", result.customId())
                .bind("status", result.status().wireName())
                .bind("result", result.resultJson())
                .bind("updatedAt", updatedAt));
  }

  private interface Binder<T> {
    void bind(PreparedBatch statement, T row);
  }

  private static <T> void inBatches(
      Handle handle, String sql, Collection<T> rows, Binder<T> binder) {
    PreparedBatch statement = handle.prepareBatch(sql);
    int pending = 0;
    for (T row : rows) {
      binder.bind(statement, row);
      statement.add();
      if (++pending == ROWS_PER_BATCH) {
        statement.execute();
        statement = handle.prepareBatch(sql);
        pending = 0;
      }
    }
    if (pending > 0) {
      statement.execute();
    }
  }
}
