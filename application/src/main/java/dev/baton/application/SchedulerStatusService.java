package dev.baton.application;

import dev.baton.application.port.in.JobStatus;
import dev.baton.application.port.in.SchedulerStatus;
import dev.baton.application.port.in.SchedulerStatusQuery;
import dev.baton.domain.JobRun;
import dev.baton.domain.LeadershipRecord;
import dev.baton.domain.ScheduledJob;
import dev.baton.domain.SchedulerRole;
import dev.baton.domain.port.JobRunPort;
import dev.baton.domain.port.LeaderLease;
import dev.baton.domain.port.LeadershipPort;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@code GET /v1/scheduler} from the lifecycle, the job scheduler and the stored leader.
 */
public final class SchedulerStatusService implements SchedulerStatusQuery {
  private static final Logger log = LoggerFactory.getLogger(SchedulerStatusService.class);

  private final SchedulerLifecycle lifecycle;
  private final JobScheduler jobs;
  private final LeadershipPort leadership;
  private final JobRunPort jobRuns;
  private final String backend;

  /**
   * @param backend {@code postgres} or {@code sqlite}
   */
  public SchedulerStatusService(
      SchedulerLifecycle lifecycle,
      JobScheduler jobs,
      LeadershipPort leadership,
      JobRunPort jobRuns,
      String backend) {
    this.lifecycle = lifecycle;
    this.jobs = jobs;
    this.leadership = leadership;
    this.jobRuns = jobRuns;
    this.backend = backend;
  }

  @Override
  public SchedulerStatus schedulerStatus() {
    SchedulerRole role = lifecycle.role();
    Optional<LeaderLease> lease = lifecycle.currentLease();
    Long term;
    String leaderInstanceId;
    java.time.Instant leaderSince;
    java.time.Instant jobsStartAt = null;
    String self = lifecycle.settings().instanceId().value();
    // While this instance's own lock attempts fail, or before the lifecycle starts (the database
    // may still be unreachable then), a read would only wait out the pool's timeouts before failing
    // too: the view answers at once from memory, the stored parts unknown.
    boolean askDatabase =
        lease.isPresent() || (role != SchedulerRole.STOPPED && lifecycle.isDatabaseReachable());
    if (lease.isPresent()) {
      term = lease.get().term();
      leaderInstanceId = self;
      leaderSince = lease.get().acquiredAt();
      jobsStartAt = lease.get().jobsStartAt();
    } else {
      Optional<LeadershipRecord> stored = askDatabase ? storedLeader() : Optional.empty();
      term = stored.map(LeadershipRecord::term).orElse(null);
      Optional<LeadershipRecord> held = stored.filter(LeadershipRecord::isHeld);
      leaderInstanceId = held.map(LeadershipRecord::holderInstanceId).orElse(null);
      leaderSince = held.map(LeadershipRecord::acquiredAt).orElse(null);
    }
    return new SchedulerStatus(
        self,
        role,
        term,
        leaderInstanceId,
        leaderSince,
        jobsStartAt,
        backend,
        leadership.supportsElection(),
        lifecycle.settings().acquireMode().wireName(),
        jobStatuses(askDatabase));
  }

  private Optional<LeadershipRecord> storedLeader() {
    try {
      return leadership.storedLeadership();
    } catch (RuntimeException e) {
      log.debug("Stored leader unreadable", e);
      return Optional.empty();
    }
  }

  private List<JobStatus> jobStatuses(boolean askDatabase) {
    Map<String, ScheduledJob> stored = askDatabase ? storedJobs() : Map.of();
    return jobs.jobs().stream()
        .map(
            view -> {
              String name = view.definition().name();
              return new JobStatus(
                  name,
                  view.definition().schedule(),
                  stored.containsKey(name) && stored.get(name).paused(),
                  askDatabase ? lastRun(name) : null,
                  view.nextRunAt());
            })
        .toList();
  }

  private Map<String, ScheduledJob> storedJobs() {
    try {
      return jobRuns.scheduledJobs().stream()
          .collect(Collectors.toMap(ScheduledJob::jobName, Function.identity()));
    } catch (RuntimeException e) {
      log.debug("Stored jobs unreadable", e);
      return Map.of();
    }
  }

  private JobRun lastRun(String jobName) {
    try {
      return jobRuns.recentRuns(jobName, 1).stream().findFirst().orElse(null);
    } catch (RuntimeException e) {
      log.debug("Last run of {} unreadable", jobName, e);
      return null;
    }
  }
}
