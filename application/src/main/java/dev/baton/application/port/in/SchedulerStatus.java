package dev.baton.application.port.in;

import dev.baton.domain.SchedulerRole;
import java.time.Instant;
import java.util.List;

/**
 * This instance's view of the scheduler.
 *
 * @param term the current term as far as this instance knows, or null when none is known
 * @param leaderInstanceId null when no leader is known
 * @param leaderSince when the known leader took the lock, or null
 * @param jobsStartAt when this leader's jobs start (now or after the takeover grace); null unless
 *     this instance leads
 * @param backend {@code postgres} or {@code sqlite}
 * @param acquireMode {@code wait} or {@code poll}
 */
public record SchedulerStatus(
    String instanceId,
    SchedulerRole role,
    Long term,
    String leaderInstanceId,
    Instant leaderSince,
    Instant jobsStartAt,
    String backend,
    boolean electionSupported,
    String acquireMode,
    List<JobStatus> jobs) {

  public SchedulerStatus {
    jobs = List.copyOf(jobs);
  }
}
