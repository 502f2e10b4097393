-- When a provider's webhook last asked for the batch's poll. poll_requested_at is cleared once the
-- leader has polled the batch; this stays, for the status page and GET /v1/batches.
ALTER TABLE baton_llm_batch ADD COLUMN last_woken_at TEXT
    CHECK (last_woken_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z');
