-- Whether the holder of a term named every one of its sessions after itself (application_name).
-- A holder on an application's own connection pool cannot: a new leader then cannot tell from
-- pg_stat_activity whether it is gone, and waits the takeover grace after an unclean end.
ALTER TABLE baton_leadership ADD COLUMN holder_sessions_named boolean NOT NULL DEFAULT true;
