package dev.baton.adapters.postgres;

import dev.baton.domain.BatchCompletion;
import dev.baton.domain.BatchPollUpdate;
import dev.baton.domain.BatchStatus;
import dev.baton.domain.DuplicateBatchException;
import dev.baton.domain.ItemResultUpdate;
import dev.baton.domain.LlmBatchItem;
import dev.baton.domain.LlmBatchJob;
import dev.baton.domain.LlmProvider;
import dev.baton.domain.NewBatch;
import dev.baton.domain.NewWebhookDelivery;
import dev.baton.domain.TrackedBatch;
import dev.baton.domain.WebhookEvents;
import dev.baton.domain.port.BatchPollerPort;
import dev.baton.domain.port.BatchTrackingPort;
import dev.baton.persistence.FencedTransactions;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
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
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Tracked batches and their items on PostgreSQL ({@code baton_llm_batch}, {@code
 * baton_llm_batch_item}).
 *
 * <p>The poller's writes go through {@link FencedTransactions}. Each bulk write is one statement
 * whatever its size: the rows travel as arrays and are joined back with {@code unnest}. The
 * timestamps the ports pass ({@code createdAt}, {@code polledAt}, {@code completedAt}) are stored
 * as given; an item's {@code updated_at} comes from the database clock. Provider answers and result
 * lines are stored as {@code jsonb}, so they come back as PostgreSQL spells that JSON (keys
 * reordered, whitespace normalised). Once a batch has its final status, no write touches it or its
 * items again.
 */
public final class PostgresBatchStore implements BatchTrackingPort, BatchPollerPort {
  static final String JOB_COLUMNS =
      "id, provider, provider_batch_id, status, created_at, last_polled_at,"
          + " latest_poll_response::text as latest_poll_response, poll_error, completed_at,"
          + " last_woken_at";
  private static final String ITEM_COLUMNS =
      "id, batch_id, custom_id, request_status, result::text as result, updated_at";

  private final Jdbi jdbi;
  private final FencedTransactions fenced;

  public PostgresBatchStore(PostgresDatabase database, FencedTransactions fenced) {
    this.jdbi = database.jdbi();
    this.fenced = Objects.requireNonNull(fenced, "fenced");
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
                      "insert into <schema>.baton_llm_batch (provider, provider_batch_id, status,"
                          + " created_at, webhook_url) values (:provider, :providerBatchId, 'running',"
                          + " :createdAt, :webhookUrl) on conflict (provider, provider_batch_id) do nothing"
                          + " returning "
                          + JOB_COLUMNS)
                  .bind("provider", batch.provider().wireName())
                  .bind("providerBatchId", batch.providerBatchId())
                  .bind("createdAt", Timestamp.from(createdAt))
                  .bind("webhookUrl", batch.webhookUrl().orElse(null))
                  .map(PostgresBatchStore::toJob)
                  .findOne()
                  .orElseThrow(
                      () -> new DuplicateBatchException(batch.provider(), batch.providerBatchId()));
          handle
              .createUpdate(
                  "insert into <schema>.baton_llm_batch_item (batch_id, custom_id, request_status, updated_at)"
                      + " select :batchId, u.custom_id, 'created', :createdAt"
                      + " from unnest(:customIds) with ordinality as u(custom_id, position)"
                      + " order by u.position")
              .bind("batchId", job.id())
              .bind("createdAt", Timestamp.from(job.createdAt()))
              .bindArray("customIds", String.class, batch.customIds())
              .execute();
          return job;
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
            "select request_status, count(*) as items from <schema>.baton_llm_batch_item"
                + " where batch_id = :batchId group by request_status")
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
                    "select status, count(*) as batches from <schema>.baton_llm_batch"
                        + " group by status")
                .map(
                    (row, context) ->
                        Map.entry(
                            BatchStatus.fromWire(row.getString("status")), row.getLong("batches")))
                .forEach(count -> counts.put(count.getKey(), count.getValue())));
    return counts;
  }

  @Override
  public List<LlmBatchJob> list(Optional<BatchStatus> status, long afterId, int limit) {
    requirePositive(limit);
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "select "
                        + JOB_COLUMNS
                        + " from <schema>.baton_llm_batch where id > :after"
                        + (status.isPresent() ? " and status = :status" : "")
                        + " order by id limit :limit")
                .bind("after", afterId)
                .bind("status", status.map(BatchStatus::wireName).orElse(null))
                .bind("limit", limit)
                .map(PostgresBatchStore::toJob)
                .list());
  }

  @Override
  public List<LlmBatchItem> items(long batchId, long afterId, int limit) {
    requirePositive(limit);
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "select "
                        + ITEM_COLUMNS
                        + " from <schema>.baton_llm_batch_item where batch_id = :batchId and id > :after"
                        + " order by id limit :limit")
                .bind("batchId", batchId)
                .bind("after", afterId)
                .bind("limit", limit)
                .map(PostgresBatchStore::toItem)
                .list());
  }

  @Override
  public List<LlmBatchJob> listRunningBatches(Instant createdAfter, OptionalInt limit) {
    Objects.requireNonNull(createdAfter, "createdAfter");
    Objects.requireNonNull(limit, "limit");
    limit.ifPresent(PostgresBatchStore::requirePositive);
    // 'running' is spelled out, not bound, so that a generic plan can still use the partial
    // polling index; a null limit is no limit.
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "select "
                        + JOB_COLUMNS
                        + " from <schema>.baton_llm_batch where status = 'running' and created_at > :cutoff"
                        + " order by last_polled_at nulls first, id limit :limit")
                .bind("cutoff", Timestamp.from(createdAfter))
                .bind("limit", limit.isPresent() ? Integer.valueOf(limit.getAsInt()) : null)
                .map(PostgresBatchStore::toJob)
                .list());
  }

  @Override
  public void recordPolls(long term, List<BatchPollUpdate> polls) {
    List<BatchPollUpdate> updates = List.copyOf(polls);
    List<Long> ids = new ArrayList<>(updates.size());
    List<String> polledAts = new ArrayList<>(updates.size());
    List<String> responses = new ArrayList<>(updates.size());
    List<String> errors = new ArrayList<>(updates.size());
    for (BatchPollUpdate poll : updates) {
      ids.add(poll.batchId());
      polledAts.add(poll.polledAt().toString());
      responses.add(poll.latestPollResponse());
      errors.add(poll.pollError());
    }
    fenced.inFencedTransaction(
        term,
        "recording " + updates.size() + " batch poll(s)",
        handle ->
            handle
                .createUpdate(
                    "update <schema>.baton_llm_batch as j set last_polled_at = u.polled_at::timestamptz,"
                        + " latest_poll_response = coalesce(u.response::jsonb,"
                        + " j.latest_poll_response), poll_error = u.error"
                        + " from unnest(:ids, :polledAts, :responses, :errors)"
                        + " as u(id, polled_at, response, error)"
                        + " where j.id = u.id and j.status = 'running'")
                .bindArray("ids", Long.class, ids)
                .bindArray("polledAts", String.class, polledAts)
                .bindArray("responses", String.class, responses)
                .bindArray("errors", String.class, errors)
                .execute());
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
          lockRunning(handle, batchId);
          upsertResults(handle, batchId, results);
          return null;
        });
  }

  @Override
  public Instant resultsUnavailable(long term, long batchId, Instant at, String error) {
    Timestamp now = Timestamp.from(Objects.requireNonNull(at, "at"));
    return fenced.inFencedTransaction(
        term,
        "noting that the results of batch " + batchId + " are unavailable",
        handle -> {
          lockRunning(handle, batchId);
          return handle
              .createQuery(
                  "update <schema>.baton_llm_batch set results_unavailable_since ="
                      + " coalesce(results_unavailable_since, :at), last_polled_at = :at,"
                      + " poll_error = :error where id = :id returning results_unavailable_since")
              .bind("at", now)
              .bind("error", error)
              .bind("id", batchId)
              .mapTo(Timestamp.class)
              .one()
              .toInstant();
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
    Timestamp completed = Timestamp.from(Objects.requireNonNull(completedAt, "completedAt"));
    List<ItemResultUpdate> results = List.copyOf(lastChunk);
    fenced.inFencedTransaction(
        term,
        "completing batch " + batchId + " as " + finalStatus.wireName(),
        handle -> {
          lockRunning(handle, batchId);
          upsertResults(handle, batchId, results);
          handle
              .createUpdate(
                  "update <schema>.baton_llm_batch set status = :status, completed_at = :completedAt,"
                      + " last_polled_at = :completedAt, latest_poll_response ="
                      + " coalesce(cast(:response as jsonb), latest_poll_response),"
                      + " poll_error = :error where id = :id")
              .bind("status", finalStatus.wireName())
              .bind("error", pollError)
              .bind("completedAt", completed)
              .bind("response", latestPollResponse)
              .bind("id", batchId)
              .execute();
          Optional<NewWebhookDelivery> delivery =
              webhooks.deliveryFor(
                  new BatchCompletion(
                      new TrackedBatch(
                          findJob(handle, batchId).orElseThrow(), itemCounts(handle, batchId)),
                      webhookUrl(handle, batchId)));
          delivery.ifPresent(
              event -> PostgresWebhookDeliveries.insert(handle, batchId, event, completed));
          return null;
        });
  }

  private static Optional<LlmBatchJob> findJob(Handle handle, long batchId) {
    return handle
        .createQuery("select " + JOB_COLUMNS + " from <schema>.baton_llm_batch where id = :id")
        .bind("id", batchId)
        .map(PostgresBatchStore::toJob)
        .findOne();
  }

  private static Optional<String> webhookUrl(Handle handle, long batchId) {
    return handle
        .createQuery("select webhook_url from <schema>.baton_llm_batch where id = :id")
        .bind("id", batchId)
        .mapTo(String.class)
        .findOne();
  }

  private static void upsertResults(
      Handle handle, long batchId, Collection<ItemResultUpdate> results) {
    if (results.isEmpty()) {
      return;
    }
    List<String> customIds = new ArrayList<>(results.size());
    List<String> statuses = new ArrayList<>(results.size());
    List<String> resultJson = new ArrayList<>(results.size());
    for (ItemResultUpdate result : results) {
      customIds.add(result.customId());
      statuses.add(result.status().wireName());
      resultJson.add(result.resultJson());
    }
    handle
        .createUpdate(
            "insert into <schema>.baton_llm_batch_item (batch_id, custom_id, request_status, result, updated_at)"
                + " select :batchId, u.custom_id, u.status, u.result::jsonb,"
                + " (select clock_timestamp())"
                + " from unnest(:customIds, :statuses, :results) with ordinality"
                + " as u(custom_id, status, result, position)"
                + " order by u.position"
                + " on conflict (batch_id, custom_id) do update set"
                + " request_status = excluded.request_status, result = excluded.result,"
                + " updated_at = excluded.updated_at")
        .bind("batchId", batchId)
        .bindArray("customIds", String.class, customIds)
        .bindArray("statuses", String.class, statuses)
        .bindArray("results", String.class, resultJson)
        .execute();
  }

  /** Holds the batch row until commit, so that no concurrent completion interleaves. */
  private static void lockRunning(Handle handle, long batchId) {
    BatchStatus status =
        handle
            .createQuery(
                "select status from <schema>.baton_llm_batch where id = :id for no key update")
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

  static LlmBatchJob toJob(ResultSet row, StatementContext context) throws SQLException {
    return new LlmBatchJob(
        row.getLong("id"),
        LlmProvider.fromWire(row.getString("provider")),
        row.getString("provider_batch_id"),
        BatchStatus.fromWire(row.getString("status")),
        instant(row, "created_at"),
        instant(row, "last_polled_at"),
        row.getString("latest_poll_response"),
        row.getString("poll_error"),
        instant(row, "completed_at"),
        instant(row, "last_woken_at"));
  }

  private static LlmBatchItem toItem(ResultSet row, StatementContext context) throws SQLException {
    return new LlmBatchItem(
        row.getLong("id"),
        row.getLong("batch_id"),
        row.getString("custom_id"),
        BatchStatus.fromWire(row.getString("request_status")),
        row.getString("result"),
        instant(row, "updated_at"));
  }

  private static Instant instant(ResultSet row, String column) throws SQLException {
    Timestamp value = row.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }
}
