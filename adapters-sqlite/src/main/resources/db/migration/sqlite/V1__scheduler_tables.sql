-- Timestamps are ISO-8601 UTC text with exactly three fraction digits
-- (2026-11-27T00:41:08.123Z), so that comparing and sorting them as text follows time.
-- The GLOB checks keep any other spelling out.

CREATE TABLE scheduler_leadership (
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

CREATE TABLE scheduled_job (
    job_name        TEXT PRIMARY KEY,
    last_started_at TEXT
        CHECK (last_started_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z')
) STRICT;

-- AUTOINCREMENT: ids are never reused after retention deletes old rows, so a run id read
-- once always names the same run, and id order is start order.
CREATE TABLE job_run (
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

-- The recent runs of a job, newest first; also what retention deletes by.
CREATE INDEX job_run_job_name_id_idx ON job_run (job_name, id DESC);

-- Runs not finished yet, for a new leader to mark the older terms' ones abandoned.
CREATE INDEX job_run_unfinished_idx ON job_run (term) WHERE outcome = 'running';

CREATE TABLE scheduler_instance (
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

CREATE INDEX scheduler_instance_heartbeat_at_idx ON scheduler_instance (heartbeat_at);
