package dev.baton.domain;

import java.time.Instant;

/** One row of {@code baton_instance}: a process that runs (or ran) Baton. */
public record SchedulerInstance(
    String instanceId,
    String host,
    long pid,
    String version,
    SchedulerRole role,
    Instant startedAt,
    Instant heartbeatAt) {}
