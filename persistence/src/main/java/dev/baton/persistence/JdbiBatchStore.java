package dev.baton.persistence;

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
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * Tracked batches and their items ({@code baton_llm_batch}, {@code baton_llm_batch_item}) on either
 * backend; what differs between the databases is the {@link BatchDialect} and the {@link
 * BatchWrites}.
 *
 * <p>The poller's writes go through {@link FencedTransactions}. The timestamps the ports pass
 * ({@code createdAt}, {@code polledAt}, {@code completedAt}) are stored as given, to the precision
 * of the database. Once a batch has its final status, no write touches it or its items again.
 */
public abstract class JdbiBatchStore implements BatchTrackingPort, BatchPollerPort {
  private final BatchDatabase database;
  private final Jdbi jdbi;
  private final BatchWrites writes;
  private final String jobColumns;

  protected JdbiBatchStore(BatchDatabase database, BatchWrites writes) {
    this.database = Objects.requireNonNull(database, "database");
    this.jdbi = database.jdbi();
    this.writes = Objects.requireNonNull(writes, "writes");
    this.jobColumns = BatchRows.jobColumns(database.dialect());
  }

  @Override
  public LlmBatchJob create(NewBatch batch, Instant createdAt) {
    Objects.requireNonNull(batch, "batch");
    Objects.requireNonNull(createdAt, "createdAt");
    return jdbi.inTransaction(
        handle -> {
          LlmBatchJob job =
              handle
                  .createQuery(
                      """
                      INSERT INTO <schema>.baton_llm_batch
                          (provider, provider_batch_id, status, created_at, webhook_url)
                      VALUES (:provider, :providerBatchId, 'running', :createdAt, :webhookUrl)
                      ON CONFLICT (provider, provider_batch_id) DO NOTHING
                      RETURNING\s"""
                          + jobColumns)
                  .bind("provider", batch.provider().wireName())
                  .bind("providerBatchId", batch.providerBatchId())
                  .bind("createdAt", createdAt)
                  .bind("webhookUrl", batch.webhookUrl().orElse(null))
                  .map(BatchRows::toJob)
                  .findOne()
                  .orElseThrow(
                      () -> new DuplicateBatchException(batch.provider(), batch.providerBatchId()));
          writes.insertItems(handle, job.id(), batch.customIds(), job.createdAt());
          return job;
        });
  }

  @Override
  public Optional<TrackedBatch> find(long batchId) {
    return jdbi.withHandle(handle -> tracked(handle, batchId));
  }

  private Optional<TrackedBatch> tracked(Handle handle, long batchId) {
    return handle
        .createQuery("SELECT " + jobColumns + " FROM <schema>.baton_llm_batch WHERE id = :id")
        .bind("id", batchId)
        .map(BatchRows::toJob)
        .findOne()
        .map(job -> new TrackedBatch(job, itemCounts(handle, batchId)));
  }

  private static Map<BatchStatus, Long> itemCounts(Handle handle, long batchId) {
    return byStatus(
        handle
            .createQuery(
                "SELECT request_status AS status, count(*) AS n"
                    + " FROM <schema>.baton_llm_batch_item WHERE batch_id = :batchId"
                    + " GROUP BY request_status")
            .bind("batchId", batchId));
  }

  @Override
  public Map<BatchStatus, Long> countByStatus() {
    return jdbi.withHandle(
        handle ->
            byStatus(
                handle.createQuery(
                    "SELECT status, count(*) AS n FROM <schema>.baton_llm_batch GROUP BY status")));
  }

  private static Map<BatchStatus, Long> byStatus(Query counts) {
    Map<BatchStatus, Long> byStatus = new EnumMap<>(BatchStatus.class);
    counts
        .map(
            (row, context) ->
                Map.entry(BatchStatus.fromWire(row.getString("status")), row.getLong("n")))
        .forEach(count -> byStatus.put(count.getKey(), count.getValue()));
    return byStatus;
  }

  @Override
  public List<LlmBatchJob> list(Optional<BatchStatus> status, long afterId, int limit) {
    requirePositive(limit);
    return jobs(
        "id > :after" + (status.isPresent() ? " AND status = :status" : "") + " ORDER BY id",
        query ->
            query
                .bind("after", afterId)
                .bind("status", status.map(BatchStatus::wireName).orElse(null))
                .bind("limit", limit));
  }

  /** The batches {@code condition} selects, in its order, up to the bound {@code limit}. */
  private List<LlmBatchJob> jobs(String conditionAndOrder, Consumer<Query> bindings) {
    return Selects.list(
        jdbi,
        "SELECT "
            + jobColumns
            + " FROM <schema>.baton_llm_batch WHERE "
            + conditionAndOrder
            + " LIMIT :limit",
        bindings,
        BatchRows::toJob);
  }

  @Override
  public List<LlmBatchItem> items(long batchId, long afterId, int limit) {
    requirePositive(limit);
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT "
                        + BatchRows.itemColumns(database.dialect())
                        + " FROM <schema>.baton_llm_batch_item"
                        + " WHERE batch_id = :batchId AND id > :after ORDER BY id LIMIT :limit")
                .bind("batchId", batchId)
                .bind("after", afterId)
                .bind("limit", limit)
                .map(BatchRows::toItem)
                .list());
  }

  @Override
  public List<LlmBatchJob> listRunningBatches(Instant createdAfter, OptionalInt limit) {
    Objects.requireNonNull(createdAfter, "createdAfter");
    Objects.requireNonNull(limit, "limit");
    limit.ifPresent(JdbiBatchStore::requirePositive);
    // 'running' is spelled out, not bound, so that even a generic plan can use the partial
    // polling index.
    return jobs(
        "status = 'running' AND created_at > :cutoff ORDER BY " + database.dialect().pollingOrder(),
        query ->
            query
                .bind("cutoff", createdAfter)
                .bind(
                    "limit",
                    limit.isPresent()
                        ? Integer.valueOf(limit.getAsInt())
                        : database.dialect().noLimit()));
  }

  @Override
  public void recordPolls(long term, List<BatchPollUpdate> polls) {
    List<BatchPollUpdate> updates = List.copyOf(polls);
    database
        .fenced()
        .inFencedTransaction(
            term,
            "recording " + updates.size() + " batch poll(s)",
            handle -> {
              writes.recordPolls(handle, updates);
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
    database
        .fenced()
        .inFencedTransaction(
            term,
            "storing " + results.size() + " item result(s) of batch " + batchId,
            handle -> {
              lockRunning(handle, batchId);
              writes.upsertResults(handle, batchId, results);
              return null;
            });
  }

  @Override
  public Instant resultsUnavailable(long term, long batchId, Instant at, String error) {
    Objects.requireNonNull(at, "at");
    return database
        .fenced()
        .inFencedTransaction(
            term,
            "noting that the results of batch " + batchId + " are unavailable",
            handle -> {
              lockRunning(handle, batchId);
              return handle
                  .createQuery(
                      """
                  UPDATE <schema>.baton_llm_batch
                  SET results_unavailable_since = coalesce(results_unavailable_since, :at),
                      last_polled_at = :at, poll_error = :error
                  WHERE id = :id
                  RETURNING results_unavailable_since
                  """)
                  .bind("at", at)
                  .bind("error", error)
                  .bind("id", batchId)
                  .mapTo(Instant.class)
                  .one();
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
    Objects.requireNonNull(completedAt, "completedAt");
    List<ItemResultUpdate> results = List.copyOf(lastChunk);
    database
        .fenced()
        .inFencedTransaction(
            term,
            "completing batch " + batchId + " as " + finalStatus.wireName(),
            handle -> {
              lockRunning(handle, batchId);
              writes.upsertResults(handle, batchId, results);
              handle
                  .createUpdate(
                      """
                  UPDATE <schema>.baton_llm_batch
                  SET status = :status, completed_at = :completedAt,
                      last_polled_at = :completedAt,
                      latest_poll_response = coalesce(%s, latest_poll_response),
                      poll_error = :error
                  WHERE id = :id
                  """
                          .formatted(database.dialect().jsonValue("response")))
                  .bind("status", finalStatus.wireName())
                  .bind("error", pollError)
                  .bind("completedAt", completedAt)
                  .bind("response", latestPollResponse)
                  .bind("id", batchId)
                  .execute();
              Optional<String> webhookUrl =
                  handle
                      .createQuery(
                          "SELECT webhook_url FROM <schema>.baton_llm_batch WHERE id = :id")
                      .bind("id", batchId)
                      .mapTo(String.class)
                      .findOne();
              Optional<NewWebhookDelivery> delivery =
                  webhooks.deliveryFor(
                      new BatchCompletion(tracked(handle, batchId).orElseThrow(), webhookUrl));
              delivery.ifPresent(
                  event ->
                      JdbiWebhookDeliveries.insert(
                          handle, database.dialect(), batchId, event, completedAt));
              return null;
            });
  }

  /** Reads the batch's status, holding its row until commit where the database locks rows. */
  private void lockRunning(Handle handle, long batchId) {
    BatchStatus status =
        handle
            .createQuery(
                "SELECT status FROM <schema>.baton_llm_batch WHERE id = :id"
                    + database.dialect().lockUntilCommit())
            .bind("id", batchId)
            .mapTo(String.class)
            .findOne()
            .map(BatchStatus::fromWire)
            .orElseThrow(() -> new NoSuchElementException("no batch " + batchId));
    if (status != BatchStatus.RUNNING) {
      throw new IllegalStateException("batch " + batchId + " is " + status.wireName() + " already");
    }
  }

  private static void requirePositive(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1: " + limit);
    }
  }
}
