package dev.baton.application.port.in;

import dev.baton.application.schedule.JobSchedule;
import dev.baton.domain.JobRun;
import java.time.Instant;

/**
 * A registered job as the scheduler sees it.
 *
 * @param paused whether its scheduled runs are held back, as stored (false when unknown)
 * @param lastRun the newest recorded run under any leader, or null
 * @param nextRunAt when this instance will run it next, or null when it does not lead
 */
public record JobStatus(
    String name, JobSchedule schedule, boolean paused, JobRun lastRun, Instant nextRunAt) {}
