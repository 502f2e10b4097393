-- Tracked provider batches and their items. created_at, last_polled_at and completed_at are the
-- instants the writer passes (the poller's clock); an item's updated_at comes from the database
-- clock. The provider's answers and result lines are stored as jsonb.

CREATE TABLE llm_batch_job (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    provider             text        NOT NULL CHECK (provider IN ('anthropic', 'openai')),
    provider_batch_id    text        NOT NULL,
    status               text        NOT NULL
        CHECK (status IN ('created', 'pending', 'running', 'completed', 'failed', 'cancelled', 'expired')),
    created_at           timestamptz NOT NULL,
    last_polled_at       timestamptz,
    latest_poll_response jsonb,
    poll_error           text,
    completed_at         timestamptz,
    UNIQUE (provider, provider_batch_id)
);

-- The poller's query: running batches, never polled first, then the oldest poll, then id;
-- created_at is read from the index for the lookback cutoff.
CREATE INDEX llm_batch_job_polling_idx
    ON llm_batch_job (last_polled_at NULLS FIRST, id) INCLUDE (created_at)
    WHERE status = 'running';

-- Listing batches of one status in id order.
CREATE INDEX llm_batch_job_status_id_idx ON llm_batch_job (status, id);

CREATE TABLE llm_batch_item (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    batch_id       bigint      NOT NULL REFERENCES llm_batch_job (id),
    custom_id      text        NOT NULL,
    request_status text        NOT NULL
        CHECK (request_status IN ('created', 'pending', 'running', 'completed', 'failed', 'cancelled', 'expired')),
    result         jsonb,
    updated_at     timestamptz NOT NULL,
    UNIQUE (batch_id, custom_id)
);

-- A batch's items in id order (pages) and its counts per status. No index on request_status:
-- counting one batch's items through this one is fast enough, and every index slows down
-- tracking a batch of 100 000 items.
CREATE INDEX llm_batch_item_batch_id_id_idx ON llm_batch_item (batch_id, id);
