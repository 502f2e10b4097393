-- Timestamps come from the database clock (clock_timestamp()), so that rows written by
-- different instances compare.

-- One row per lock key: the fencing term and who took it. Only a new leader's grant and a clean
-- release update it; nothing else does while leading (an update would queue behind the fenced
-- transactions that hold the row FOR SHARE).
CREATE TABLE scheduler_leadership (
    lock_key           bigint      PRIMARY KEY,
    term               bigint      NOT NULL CHECK (term > 0),
    holder_instance_id text        NOT NULL,
    holder_pid         integer     NOT NULL,
    acquired_at        timestamptz NOT NULL,
    released_at        timestamptz,
    released_cleanly   boolean     NOT NULL DEFAULT false
);

CREATE TABLE scheduled_job (
    job_name        text PRIMARY KEY,
    last_started_at timestamptz
);

CREATE TABLE job_run (
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
CREATE INDEX job_run_job_name_id_idx ON job_run (job_name, id DESC);

-- Runs not finished yet, for a new leader to mark the older terms' ones abandoned.
CREATE INDEX job_run_unfinished_idx ON job_run (term) WHERE outcome = 'running';

CREATE TABLE scheduler_instance (
    instance_id  text        PRIMARY KEY,
    host         text        NOT NULL,
    pid          bigint      NOT NULL,
    version      text,
    role         text        NOT NULL
        CHECK (role IN ('stopped', 'disabled', 'acquiring', 'follower', 'leader', 'stopping')),
    started_at   timestamptz NOT NULL,
    heartbeat_at timestamptz NOT NULL
);

CREATE INDEX scheduler_instance_heartbeat_at_idx ON scheduler_instance (heartbeat_at);
