package dev.baton.application;

import java.time.Instant;

/** A job as the scheduler sees it now. */
public record JobView(JobDefinition definition, Instant nextRunAt, boolean running) {}
