-- The invoicing service's own tables, migrated by its own Flyway (default location, default
-- history table flyway_schema_history). Baton's tables live apart, in schema baton.
CREATE TABLE invoice (
    id           bigserial   PRIMARY KEY,
    customer     text        NOT NULL,
    amount_cents bigint      NOT NULL,
    due_on       date        NOT NULL,
    reminded_at  timestamptz
);

-- One row per reminder run: which instance sent it, under which term, for which slot.
CREATE TABLE reminder_run (
    run_id      bigint      PRIMARY KEY,
    instance_id text        NOT NULL,
    term        bigint      NOT NULL,
    slot        timestamptz NOT NULL,
    reminded    integer     NOT NULL,
    written_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE TABLE monthly_report (
    month      date        PRIMARY KEY,
    open_cents bigint      NOT NULL,
    written_by text        NOT NULL
);

INSERT INTO invoice (customer, amount_cents, due_on) VALUES
    ('Ada', 12000, DATE '2026-01-31'),
    ('Grace', 9900, DATE '2026-02-28'),
    ('Linus', 4500, DATE '2099-12-31');
