package dev.baton.adapters.sqlite;

import dev.baton.domain.BatchCompletion;
import dev.baton.domain.BatchPollUpdate;
import dev.baton.domain.BatchStatus;
import dev.baton.domain.DuplicateBatchException;
import dev.baton.domain.ItemResultUpdate;
import dev.baton.domain.LlmBatchItem;
import dev.baton.domain.LlmBatchJob;
import dev.baton.domain.NewBatch;
import dev.baton.domain.NewWebhookDelivery;
import dev.baton.domain.TrackedBatch;
import dev.baton.domain.WebhookEvents;
import dev.baton.domain.port.BatchPollerPort;
import dev.baton.domain.port.BatchTrackingPort;
import dev.baton.domain.port.ClockPort;
import dev.baton.persistence.FencedTransactions;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Tracked batches and their items on SQLite ({@code baton_llm_batch}, {@code
 * baton_llm_batch_item}).
 *
 * <p>The poller's writes are fenced against the term in {@code baton_leadership} like the job runs:
 * their transaction begins as a writer, so no new term can be granted between the check and the
 * write. Timestamps the ports pass are stored as given (to the millisecond); an item's {@code
 * updated_at} is read from {@code clock}. Once a batch has its final status, no write touches it or
 * its items again.
 */
public final class SqliteBatchStore implements BatchTrackingPort, BatchPollerPort {
  // Bounds the bindings a batched statement holds in memory at once.
  private static final int ROWS_PER_BATCH = 10_000;

  private final Jdbi jdbi;
  private final FencedTransactions fenced;
  private final ClockPort clock;

  public SqliteBatchStore(SqliteDatabase database, long lockKey, ClockPort clock) {
    this.jdbi = database.jdbi();
    this.fenced = new SqliteFencedTransactions(database, lockKey);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public LlmBatchJob create(NewBatch batch, Instant createdAt) {
    Objects.requireNonNull(batch, "batch");
    Instant stored = SqliteTimestamps.stored(Objects.requireNonNull(createdAt, "createdAt"));
    String storedText = SqliteTimestamps.format(stored);
    return jdbi.inTransaction(
        handle -> {
          int inserted =
              handle
                  .createUpdate(
                      """
                      INSERT INTO <schema>.baton_llm_batch (provider, provider_batch_id, status, created_at,
                          webhook_url)
                      VALUES (:provider, :providerBatchId, 'running', :createdAt, :webhookUrl)
                      ON CONFLICT (provider, provider_batch_id) DO NOTHING
                      """)
                  .bind("provider", batch.provider().wireName())
                  .bind("providerBatchId", batch.providerBatchId())
                  .bind("createdAt", storedText)
                  .bind("webhookUrl", batch.webhookUrl().orElse(null))
                  .execute();
          if (inserted == 0) {
            throw new DuplicateBatchException(batch.provider(), batch.providerBatchId());
          }
          long id = handle.createQuery("SELECT last_insert_rowid()").mapTo(Long.class).one();
          inBatches(
              handle,
              """
              INSERT INTO <schema>.baton_llm_batch_item (batch_id, custom_id, request_status, updated_at)
              VALUES (:batchId, :customId, 'created', :updatedAt)
              """,
              batch.customIds(),
              (statement, customId) ->
                  statement
                      .bind("batchId", id)
                      .bind("customId", customId)
                      .bind("updatedAt", storedText));
          return new LlmBatchJob(
              id,
              batch.provider(),
              batch.providerBatchId(),
              BatchStatus.RUNNING,
              stored,
              null,
              null,
              null,
              null);
        });
  }

  @Override
  public Optional<TrackedBatch> find(long batchId) {
    return jdbi.withHandle(
        handle ->
            findJob(handle, batchId)
                .map(job -> new TrackedBatch(job, itemCounts(handle, batchId))));
  }

  private static Map<BatchStatus, Long> itemCounts(Handle handle, long batchId) {
    Map<BatchStatus, Long> counts = new EnumMap<>(BatchStatus.class);
    handle
        .createQuery(
            """
            SELECT request_status, count(*) AS items FROM <schema>.baton_llm_batch_item
            WHERE batch_id = :batchId GROUP BY request_status
            """)
        .bind("batchId", batchId)
        .map(
            (row, context) ->
                Map.entry(
                    BatchStatus.fromWire(row.getString("request_status")), row.getLong("items")))
        .forEach(count -> counts.put(count.getKey(), count.getValue()));
    return counts;
  }

  @Override
  public Map<BatchStatus, Long> countByStatus() {
    Map<BatchStatus, Long> counts = new EnumMap<>(BatchStatus.class);
    jdbi.useHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT status, count(*) AS batches FROM <schema>.baton_llm_batch"
                        + " GROUP BY status")
                .map(
                    (row, context) ->
                        Map.entry(
                            BatchStatus.fromWire(row.getString("status")), row.getLong("batches")))
                .forEach(count -> counts.put(count.getKey(), count.getValue())));
    return counts;
  }

  private static Optional<LlmBatchJob> findJob(Handle handle, long batchId) {
    return handle
        .createQuery(
            "SELECT "
                + SqliteBatchRows.JOB_COLUMNS
                + " FROM <schema>.baton_llm_batch WHERE id = :id")
        .bind("id", batchId)
        .map(SqliteBatchRows::toJob)
        .findOne();
  }

  @Override
  public List<LlmBatchJob> list(Optional<BatchStatus> status, long afterId, int limit) {
    requirePositive(limit);
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT "
                        + SqliteBatchRows.JOB_COLUMNS
                        + " FROM <schema>.baton_llm_batch WHERE id > :after"
                        + (status.isPresent() ? " AND status = :status" : "")
                        + " ORDER BY id LIMIT :limit")
                .bind("after", afterId)
                .bind("status", status.map(BatchStatus::wireName).orElse(null))
                .bind("limit", limit)
                .map(SqliteBatchRows::toJob)
                .list());
  }

  @Override
  public List<LlmBatchItem> items(long batchId, long afterId, int limit) {
    requirePositive(limit);
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT "
                        + SqliteBatchRows.ITEM_COLUMNS
                        + " FROM <schema>.baton_llm_batch_item WHERE batch_id = :batchId AND id > :after"
                        + " ORDER BY id LIMIT :limit")
                .bind("batchId", batchId)
                .bind("after", afterId)
                .bind("limit", limit)
                .map(SqliteBatchRows::toItem)
                .list());
  }

  @Override
  public List<LlmBatchJob> listRunningBatches(Instant createdAfter, OptionalInt limit) {
    Objects.requireNonNull(createdAfter, "createdAfter");
    Objects.requireNonNull(limit, "limit");
    limit.ifPresent(SqliteBatchStore::requirePositive);
    // 'running' is spelled out, not bound, so that the partial polling index applies.
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT "
                        + SqliteBatchRows.JOB_COLUMNS
                        + " FROM <schema>.baton_llm_batch WHERE status = 'running' AND created_at > :cutoff"
                        + " ORDER BY last_polled_at, id LIMIT :limit")
                .bind("cutoff", SqliteTimestamps.format(SqliteTimestamps.stored(createdAfter)))
                .bind("limit", limit.orElse(-1))
                .map(SqliteBatchRows::toJob)
                .list());
  }

  @Override
  public void recordPolls(long term, List<BatchPollUpdate> polls) {
    List<BatchPollUpdate> updates = List.copyOf(polls);
    fenced.inFencedTransaction(
        term,
        "recording " + updates.size() + " batch poll(s)",
        handle -> {
          inBatches(
              handle,
              """
              UPDATE <schema>.baton_llm_batch
              SET last_polled_at = :polledAt,
                  latest_poll_response = coalesce(:response, latest_poll_response),
                  poll_error = :error
              WHERE id = :id AND status = 'running'
              """,
              updates,
              (statement, poll) ->
                  statement
                      .bind("polledAt", SqliteTimestamps.format(poll.polledAt()))
                      .bind("response", poll.latestPollResponse())
                      .bind("error", poll.pollError())
                      .bind("id", poll.batchId()));
          return null;
        });
  }

  /**
   * @throws NoSuchElementException when no batch has that id
   * @throws IllegalStateException when the batch has its final status already
   */
  @Override
  public void storeItemResults(long term, long batchId, List<ItemResultUpdate> chunk) {
    List<ItemResultUpdate> results = List.copyOf(chunk);
    fenced.inFencedTransaction(
        term,
        "storing " + results.size() + " item result(s) of batch " + batchId,
        handle -> {
          requireRunning(handle, batchId);
          upsertResults(handle, batchId, results);
          return null;
        });
  }

  @Override
  public Instant resultsUnavailable(long term, long batchId, Instant at, String error) {
    String now = SqliteTimestamps.format(Objects.requireNonNull(at, "at"));
    return fenced.inFencedTransaction(
        term,
        "noting that the results of batch " + batchId + " are unavailable",
        handle -> {
          requireRunning(handle, batchId);
          handle
              .createUpdate(
                  """
                  UPDATE <schema>.baton_llm_batch
                  SET results_unavailable_since = coalesce(results_unavailable_since, :at),
                      last_polled_at = :at, poll_error = :error
                  WHERE id = :id
                  """)
              .bind("at", now)
              .bind("error", error)
              .bind("id", batchId)
              .execute();
          return SqliteTimestamps.parse(
              handle
                  .createQuery(
                      "SELECT results_unavailable_since FROM <schema>.baton_llm_batch WHERE id = :id")
                  .bind("id", batchId)
                  .mapTo(String.class)
                  .one());
        });
  }

  /**
   * @throws IllegalArgumentException when {@code finalStatus} is not terminal
   * @throws NoSuchElementException when no batch has that id
   * @throws IllegalStateException when the batch has its final status already
   */
  @Override
  public void completeBatch(
      long term,
      long batchId,
      List<ItemResultUpdate> lastChunk,
      BatchStatus finalStatus,
      Instant completedAt,
      String latestPollResponse,
      String pollError,
      WebhookEvents webhooks) {
    Objects.requireNonNull(webhooks, "webhooks");
    if (!Objects.requireNonNull(finalStatus, "finalStatus").isTerminal()) {
      throw new IllegalArgumentException("a batch cannot complete as " + finalStatus.wireName());
    }
    String completedText = SqliteTimestamps.format(Objects.requireNonNull(completedAt, "at"));
    List<ItemResultUpdate> results = List.copyOf(lastChunk);
    fenced.inFencedTransaction(
        term,
        "completing batch " + batchId + " as " + finalStatus.wireName(),
        handle -> {
          requireRunning(handle, batchId);
          upsertResults(handle, batchId, results);
          handle
              .createUpdate(
                  """
                  UPDATE <schema>.baton_llm_batch
                  SET status = :status, completed_at = :completedAt,
                      last_polled_at = :completedAt,
                      latest_poll_response = coalesce(:response, latest_poll_response),
                      poll_error = :error
                  WHERE id = :id
                  """)
              .bind("status", finalStatus.wireName())
              .bind("error", pollError)
              .bind("completedAt", completedText)
              .bind("response", latestPollResponse)
              .bind("id", batchId)
              .execute();
          Optional<NewWebhookDelivery> delivery =
              webhooks.deliveryFor(
                  new BatchCompletion(
                      new TrackedBatch(
                          findJob(handle, batchId).orElseThrow(), itemCounts(handle, batchId)),
                      handle
                          .createQuery(
                              "SELECT webhook_url FROM <schema>.baton_llm_batch WHERE id = :id")
                          .bind("id", batchId)
                          .mapTo(String.class)
                          .findOne()));
          delivery.ifPresent(
              event -> SqliteWebhookDeliveries.insert(handle, batchId, event, completedText));
          return null;
        });
  }

  private void upsertResults(Handle handle, long batchId, Collection<ItemResultUpdate> results) {
    String updatedAt = SqliteTimestamps.format(clock.now());
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

  private static void requireRunning(Handle handle, long batchId) {
    BatchStatus status =
        handle
            .createQuery("SELECT status FROM <schema>.baton_llm_batch WHERE id = :id")
            .bind("id", batchId)
            .mapTo(String.class)
            .findOne()
            .map(BatchStatus::fromWire)
            .orElseThrow(() -> new NoSuchElementException("no batch " + batchId));
    if (status != BatchStatus.RUNNING) {
      throw new IllegalStateException("batch " + batchId + " is " + status.wireName() + " already");
    }
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

  private static void requirePositive(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1: " + limit);
    }
  }
}
