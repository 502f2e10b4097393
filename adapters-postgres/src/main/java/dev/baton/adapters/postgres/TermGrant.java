package dev.baton.adapters.postgres;

import java.time.Instant;

/** The term just taken by a new leader, with the database time of the grant. */
record TermGrant(long term, Instant acquiredAt) {}
