package dev.baton.domain;

import java.time.Instant;

/**
 * A session on the leader lock as the database shows it: the holder, or one waiting for it.
 *
 * @param since when its current statement (the wait, for a waiter) began, or null
 */
public record LeaderLockEntry(
    int pid, boolean granted, String applicationName, String state, Instant since) {}
