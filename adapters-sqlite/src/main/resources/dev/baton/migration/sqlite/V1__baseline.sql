-- Baton's tables, every one prefixed baton_. Timestamps are ISO-8601 UTC text with exactly three
-- fraction digits (2026-11-27T00:41:08.123Z), so that comparing and sorting them as text follows
-- time; the GLOB checks keep any other spelling out. JSON (the provider's answers and result
-- lines, webhook payloads) is stored as the text received or sent.

CREATE TABLE baton_leadership (
    lock_key           INTEGER PRIMARY KEY,
    term               INTEGER NOT NULL CHECK (term > 0),
    holder_instance_id TEXT    NOT NULL,
    holder_pid         INTEGER NOT NULL,
    acquired_at        TEXT    NOT NULL
        CHECK (acquired_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    released_at        TEXT
        CHECK (released_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    released_cleanly   INTEGER NOT NULL DEFAULT 0 CHECK (released_cleanly IN (0, 1))
) STRICT;

CREATE TABLE baton_leadership_history (
    lock_key           INTEGER NOT NULL,
    term               INTEGER NOT NULL,
    holder_instance_id TEXT    NOT NULL,
    acquired_at        TEXT    NOT NULL
        CHECK (acquired_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    ended_at           TEXT
        CHECK (ended_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    end_reason         TEXT
        CHECK (end_reason IN ('released', 'lost', 'fenced_out', 'stepped_down')),
    PRIMARY KEY (lock_key, term)
) STRICT;

CREATE TABLE baton_scheduled_job (
    job_name         TEXT    PRIMARY KEY,
    last_started_at  TEXT
        CHECK (last_started_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    last_slot_at     TEXT
        CHECK (last_slot_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    paused           INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
    run_requested_at TEXT
        CHECK (run_requested_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z')
) STRICT;

-- AUTOINCREMENT: ids are never reused after retention deletes old rows, so a run id read
-- once always names the same run, and id order is start order.
CREATE TABLE baton_job_run (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    job_name     TEXT    NOT NULL,
    instance_id  TEXT    NOT NULL,
    term         INTEGER NOT NULL,
    scheduled_at TEXT
        CHECK (scheduled_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    started_at   TEXT    NOT NULL
        CHECK (started_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    finished_at  TEXT
        CHECK (finished_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    outcome      TEXT    NOT NULL
        CHECK (outcome IN ('running', 'succeeded', 'failed', 'cancelled', 'abandoned')),
    error        TEXT,
    CHECK ((outcome = 'running') = (finished_at IS NULL))
) STRICT;

CREATE INDEX baton_job_run_job_name_id_idx ON baton_job_run (job_name, id DESC);

CREATE INDEX baton_job_run_unfinished_idx ON baton_job_run (term) WHERE outcome = 'running';

CREATE TABLE baton_instance (
    instance_id  TEXT    PRIMARY KEY,
    host         TEXT    NOT NULL,
    pid          INTEGER NOT NULL,
    version      TEXT,
    role         TEXT    NOT NULL
        CHECK (role IN ('stopped', 'disabled', 'acquiring', 'follower', 'leader', 'stopping')),
    started_at   TEXT    NOT NULL
        CHECK (started_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    heartbeat_at TEXT    NOT NULL
        CHECK (heartbeat_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z')
) STRICT;

CREATE INDEX baton_instance_heartbeat_at_idx ON baton_instance (heartbeat_at);

CREATE TABLE baton_llm_batch (
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
    webhook_url          TEXT,
    poll_requested_at    TEXT
        CHECK (poll_requested_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    UNIQUE (provider, provider_batch_id)
) STRICT;

-- The poller's query: running batches, never polled first (NULLs sort first in SQLite), then
-- the oldest poll, then id; created_at is read from the index for the lookback cutoff.
CREATE INDEX baton_llm_batch_polling_idx ON baton_llm_batch (last_polled_at, id, created_at)
    WHERE status = 'running';

CREATE INDEX baton_llm_batch_poll_requested_idx ON baton_llm_batch (poll_requested_at)
    WHERE poll_requested_at IS NOT NULL;

CREATE INDEX baton_llm_batch_status_id_idx ON baton_llm_batch (status, id);

CREATE TABLE baton_llm_batch_item (
    id             INTEGER PRIMARY KEY,
    batch_id       INTEGER NOT NULL REFERENCES baton_llm_batch (id),
    custom_id      TEXT    NOT NULL,
    request_status TEXT    NOT NULL
        CHECK (request_status IN ('created', 'pending', 'running', 'completed', 'failed', 'cancelled', 'expired')),
    result         TEXT,
    updated_at     TEXT    NOT NULL
        CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    UNIQUE (batch_id, custom_id)
) STRICT;

CREATE INDEX baton_llm_batch_item_batch_id_id_idx ON baton_llm_batch_item (batch_id, id);

CREATE TABLE baton_webhook_delivery (
    id               INTEGER PRIMARY KEY,
    event_id         TEXT    NOT NULL UNIQUE,
    batch_id         INTEGER NOT NULL REFERENCES baton_llm_batch (id),
    url              TEXT    NOT NULL,
    event_type       TEXT    NOT NULL
        CHECK (event_type IN ('batch.completed', 'batch.failed', 'batch.cancelled', 'batch.expired')),
    payload          TEXT    NOT NULL,
    status           TEXT    NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TEXT
        CHECK (next_attempt_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    last_attempt_at  TEXT
        CHECK (last_attempt_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    last_status_code INTEGER,
    last_error       TEXT,
    created_at       TEXT    NOT NULL
        CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    delivered_at     TEXT
        CHECK (delivered_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    UNIQUE (batch_id, event_type, url)
) STRICT;

CREATE INDEX baton_webhook_delivery_due_idx ON baton_webhook_delivery (next_attempt_at)
    WHERE status = 'pending';

CREATE TABLE baton_provider_webhook_event (
    webhook_id  TEXT PRIMARY KEY,
    received_at TEXT NOT NULL
        CHECK (received_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z')
) STRICT;

CREATE INDEX baton_provider_webhook_event_received_at_idx
    ON baton_provider_webhook_event (received_at);
