-- Tracked provider batches and their items. Timestamps are spelled as in V1; JSON (the
-- provider's answers and result lines) is stored as the text received.

CREATE TABLE llm_batch_job (
    id                   INTEGER PRIMARY KEY,
    provider             TEXT    NOT NULL CHECK (provider IN ('anthropic', 'openai')),
    provider_batch_id    TEXT    NOT NULL,
    status               TEXT    NOT NULL
        CHECK (status IN ('created', 'pending', 'running', 'completed', 'failed', 'cancelled', 'expired')),
    created_at           TEXT    NOT NULL
        CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    last_polled_at       TEXT
        CHECK (last_polled_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    latest_poll_response TEXT,
    poll_error           TEXT,
    completed_at         TEXT
        CHECK (completed_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    UNIQUE (provider, provider_batch_id)
) STRICT;

-- The poller's query: running batches, never polled first (NULLs sort first in SQLite), then
-- the oldest poll, then id; created_at is read from the index for the lookback cutoff.
CREATE INDEX llm_batch_job_polling_idx ON llm_batch_job (last_polled_at, id, created_at)
    WHERE status = 'running';

-- Listing batches of one status in id order.
CREATE INDEX llm_batch_job_status_id_idx ON llm_batch_job (status, id);

CREATE TABLE llm_batch_item (
    id             INTEGER PRIMARY KEY,
    batch_id       INTEGER NOT NULL REFERENCES llm_batch_job (id),
    custom_id      TEXT    NOT NULL,
    request_status TEXT    NOT NULL
        CHECK (request_status IN ('created', 'pending', 'running', 'completed', 'failed', 'cancelled', 'expired')),
    result         TEXT,
    updated_at     TEXT    NOT NULL
        CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    UNIQUE (batch_id, custom_id)
) STRICT;

-- A batch's items in id order (pages) and its counts per status. No index on request_status:
-- counting one batch's items through this one is fast enough, and every index slows down
-- tracking a batch of 100 000 items.
CREATE INDEX llm_batch_item_batch_id_id_idx ON llm_batch_item (batch_id, id);
