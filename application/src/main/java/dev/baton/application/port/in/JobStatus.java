package dev.baton.application.port.in;

import dev.baton.domain.JobRun;
import java.time.Duration;
import java.time.Instant;

/**
 * A registered job as the scheduler sees it.
 *
 * @param lastRun the newest recorded run under any leader, or null
 * @param nextRunAt when this instance will run it next, or null when it does not lead
 */
public record JobStatus(String name, Duration interval, JobRun lastRun, Instant nextRunAt) {}
