package dev.baton.application.port.in;

import dev.baton.application.schedule.JobSchedule;
import dev.baton.domain.JobRun;
import java.time.Instant;
import java.util.List;

/**
 * A job with its recent runs, newest first, under any leader.
 *
 * @param paused whether its scheduled runs are held back, as stored
 * @param lastRun the newest run, or null
 * @param nextRunAt when this instance runs it next, or null when it does not lead
 */
public record JobDetails(
    String name,
    JobSchedule schedule,
    boolean paused,
    JobRun lastRun,
    Instant nextRunAt,
    List<JobRun> recentRuns) {

  public JobDetails {
    recentRuns = List.copyOf(recentRuns);
  }
}
