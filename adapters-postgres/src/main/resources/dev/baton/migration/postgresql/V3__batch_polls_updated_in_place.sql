-- A poll cycle rewrites last_polled_at, latest_poll_response and poll_error of every running batch.
-- With last_polled_at in an index each of those updates wrote a new entry into every index of the
-- table. Out of every index, and with room left on each page, they become heap-only (HOT) updates:
-- the row changes within its page and no index is touched. The poller's order (never polled
-- first, then the oldest poll) is sorted from the running rows this index finds; at 100 000
-- running batches that sort costs milliseconds once a cycle.
DROP INDEX baton_llm_batch_polling_idx;

CREATE INDEX baton_llm_batch_running_idx
    ON baton_llm_batch (id) INCLUDE (created_at)
    WHERE status = 'running';

ALTER TABLE baton_llm_batch SET (fillfactor = 70);
