-- Baton's tables, in their own schema (Flyway runs this with the schema as its default, so the
-- names here are unqualified; Baton's statements name the schema). Every table is prefixed baton_.
-- Timestamps come from the database clock (clock_timestamp()) where rows of different instances
-- must compare; the provider's answers and result lines are jsonb.

-- One row per lock key: the fencing term and who took it. Only a new leader's grant and a clean
-- release update it; nothing else does while leading (an update would queue behind the fenced
-- transactions that hold the row FOR SHARE).
CREATE TABLE baton_leadership (
    lock_key           bigint      PRIMARY KEY,
    term               bigint      NOT NULL CHECK (term > 0),
    holder_instance_id text        NOT NULL,
    holder_pid         integer     NOT NULL,
    acquired_at        timestamptz NOT NULL,
    released_at        timestamptz,
    released_cleanly   boolean     NOT NULL DEFAULT false
);

-- Every term, newest first in the API; written by the leader on grant and on a clean end, and
-- completed by the next leader for an unclean one.
CREATE TABLE baton_leadership_history (
    lock_key           bigint      NOT NULL,
    term               bigint      NOT NULL,
    holder_instance_id text        NOT NULL,
    acquired_at        timestamptz NOT NULL,
    ended_at           timestamptz,
    end_reason         text
        CHECK (end_reason IN ('released', 'lost', 'fenced_out', 'stepped_down')),
    PRIMARY KEY (lock_key, term)
);

-- Each job's stored cadence and operator flags, so that they survive failover and restarts.
CREATE TABLE baton_scheduled_job (
    job_name         text        PRIMARY KEY,
    last_started_at  timestamptz,
    last_slot_at     timestamptz,
    paused           boolean     NOT NULL DEFAULT false,
    run_requested_at timestamptz
);

CREATE TABLE baton_job_run (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_name     text        NOT NULL,
    instance_id  text        NOT NULL,
    term         bigint      NOT NULL,
    scheduled_at timestamptz,
    started_at   timestamptz NOT NULL,
    finished_at  timestamptz,
    outcome      text        NOT NULL
        CHECK (outcome IN ('running', 'succeeded', 'failed', 'cancelled', 'abandoned')),
    error        text,
    CHECK ((outcome = 'running') = (finished_at IS NULL))
);

-- The recent runs of a job, newest first; also what retention deletes by.
CREATE INDEX baton_job_run_job_name_id_idx ON baton_job_run (job_name, id DESC);

-- Runs not finished yet, for a new leader to mark the older terms' ones abandoned.
CREATE INDEX baton_job_run_unfinished_idx ON baton_job_run (term) WHERE outcome = 'running';

CREATE TABLE baton_instance (
    instance_id  text        PRIMARY KEY,
    host         text        NOT NULL,
    pid          bigint      NOT NULL,
    version      text,
    role         text        NOT NULL
        CHECK (role IN ('stopped', 'disabled', 'acquiring', 'follower', 'leader', 'stopping')),
    started_at   timestamptz NOT NULL,
    heartbeat_at timestamptz NOT NULL
);

CREATE INDEX baton_instance_heartbeat_at_idx ON baton_instance (heartbeat_at);

-- Tracked provider batches. created_at, last_polled_at and completed_at are the instants the
-- writer passes (the poller's clock).
CREATE TABLE baton_llm_batch (
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
    webhook_url          text,
    poll_requested_at    timestamptz,
    UNIQUE (provider, provider_batch_id)
);

-- The poller's query: running batches, never polled first, then the oldest poll, then id;
-- created_at is read from the index for the lookback cutoff.
CREATE INDEX baton_llm_batch_polling_idx
    ON baton_llm_batch (last_polled_at NULLS FIRST, id) INCLUDE (created_at)
    WHERE status = 'running';

-- Batches whose poll a provider's event requested.
CREATE INDEX baton_llm_batch_poll_requested_idx
    ON baton_llm_batch (poll_requested_at) WHERE poll_requested_at IS NOT NULL;

-- Listing batches of one status in id order.
CREATE INDEX baton_llm_batch_status_id_idx ON baton_llm_batch (status, id);

-- An item's updated_at comes from the database clock.
CREATE TABLE baton_llm_batch_item (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    batch_id       bigint      NOT NULL REFERENCES baton_llm_batch (id),
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
CREATE INDEX baton_llm_batch_item_batch_id_id_idx ON baton_llm_batch_item (batch_id, id);

-- The outbox of completion webhooks, inserted in the transaction that stores a batch's final
-- status; one per batch, event and destination.
CREATE TABLE baton_webhook_delivery (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id         text        NOT NULL UNIQUE,
    batch_id         bigint      NOT NULL REFERENCES baton_llm_batch (id),
    url              text        NOT NULL,
    event_type       text        NOT NULL
        CHECK (event_type IN ('batch.completed', 'batch.failed', 'batch.cancelled', 'batch.expired')),
    payload          jsonb       NOT NULL,
    status           text        NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz,
    last_attempt_at  timestamptz,
    last_status_code integer,
    last_error       text,
    created_at       timestamptz NOT NULL,
    delivered_at     timestamptz,
    UNIQUE (batch_id, event_type, url)
);

-- The deliveries due: pending ones by their next attempt.
CREATE INDEX baton_webhook_delivery_due_idx
    ON baton_webhook_delivery (next_attempt_at) WHERE status = 'pending';

-- Inbound provider webhooks already taken, for replay detection on every instance; kept 72 h.
CREATE TABLE baton_provider_webhook_event (
    webhook_id  text        PRIMARY KEY,
    received_at timestamptz NOT NULL
);

CREATE INDEX baton_provider_webhook_event_received_at_idx
    ON baton_provider_webhook_event (received_at);
