-- The service's own table, migrated by its own Flyway into its own history.
CREATE TABLE report (
    run_id      bigint PRIMARY KEY,
    instance_id text   NOT NULL,
    term        bigint NOT NULL
);
