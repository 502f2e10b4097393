package dev.baton.adapters.postgres;

import dev.baton.domain.BatchPollUpdate;
import dev.baton.domain.ItemResultUpdate;
import dev.baton.persistence.BatchDatabase;
import dev.baton.persistence.BatchDialect;
import dev.baton.persistence.BatchWrites;
import dev.baton.persistence.FencedTransactions;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Batches on PostgreSQL: JSON is {@code jsonb}, so it comes back as PostgreSQL spells it (keys
 * reordered, whitespace normalised); each bulk write is one statement whatever its size, the rows
 * travelling as arrays joined back with {@code unnest}; an item's {@code updated_at} comes from the
 * database clock; a poll request notifies channel {@value #POLL_REQUESTS_CHANNEL} with the batch's
 * id, so a listener need not wait for the leader's next look.
 */
final class PostgresBatchDialect implements BatchDialect, BatchWrites {
  static final String POLL_REQUESTS_CHANNEL = "baton_poll_requests";
  static final PostgresBatchDialect INSTANCE = new PostgresBatchDialect();

  private PostgresBatchDialect() {}

  /** The batch stores' database: {@code database} fenced by {@code fenced}. */
  static BatchDatabase on(PostgresDatabase database, FencedTransactions fenced) {
    return new BatchDatabase(database.jdbi(), fenced, INSTANCE);
  }

  @Override
  public String jsonColumn(String column) {
    return column + "::text AS " + column;
  }

  @Override
  public String jsonValue(String parameter) {
    return "cast(:" + parameter + " AS jsonb)";
  }

  @Override
  public String lockUntilCommit() {
    return " FOR NO KEY UPDATE";
  }

  @Override
  public String pollingOrder() {
    return "last_polled_at NULLS FIRST, id";
  }

  /** {@code LIMIT NULL} is no limit on PostgreSQL. */
  @Override
  public Integer noLimit() {
    return null;
  }

  @Override
  public void insertItems(Handle handle, long batchId, List<String> customIds, Instant createdAt) {
    handle
        .createUpdate(
            "insert into <schema>.baton_llm_batch_item (batch_id, custom_id, request_status, updated_at)"
                + " select :batchId, u.custom_id, 'created', :createdAt"
                + " from unnest(:customIds) with ordinality as u(custom_id, position)"
                + " order by u.position")
        .bind("batchId", batchId)
        .bind("createdAt", Timestamp.from(createdAt))
        .bindArray("customIds", String.class, customIds)
        .execute();
  }

  @Override
  public void recordPolls(Handle handle, List<BatchPollUpdate> polls) {
    List<Long> ids = new ArrayList<>(polls.size());
    List<String> polledAts = new ArrayList<>(polls.size());
    List<String> responses = new ArrayList<>(polls.size());
    List<String> errors = new ArrayList<>(polls.size());
    for (BatchPollUpdate poll : polls) {
      ids.add(poll.batchId());
      polledAts.add(poll.polledAt().toString());
      responses.add(poll.latestPollResponse());
      errors.add(poll.pollError());
    }
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
        .execute();
  }

  @Override
  public void upsertResults(Handle handle, long batchId, Collection<ItemResultUpdate> results) {
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

  @Override
  public void pollRequested(Handle handle, long batchId) {
    handle
        .createQuery("select pg_notify(:channel, :batchId)")
        .bind("channel", POLL_REQUESTS_CHANNEL)
        .bind("batchId", String.valueOf(batchId))
        .mapTo(String.class)
        .one();
  }
}
