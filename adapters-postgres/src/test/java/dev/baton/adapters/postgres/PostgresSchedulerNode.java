package dev.baton.adapters.postgres;

import dev.baton.application.AcquireMode;
import dev.baton.application.Jitter;
import dev.baton.application.JobScheduler;
import dev.baton.application.LifecycleExecutors;
import dev.baton.application.ProbeJob;
import dev.baton.application.SchedulerLifecycle;
import dev.baton.application.SchedulerSettings;
import dev.baton.domain.InstanceId;
import dev.baton.domain.JobRunOutcome;
import dev.baton.domain.LockAttemptResult;
import dev.baton.domain.LossReason;
import dev.baton.domain.PollCycleSummary;
import dev.baton.domain.SchedulerRole;
import dev.baton.domain.port.SchedulerEventsPort;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * One Baton instance in this JVM: the real lifecycle and job scheduler over the PostgreSQL
 * adapters, with the probe job and fast heartbeat settings.
 */
final class PostgresSchedulerNode implements AutoCloseable {
  static final Duration PROBE_INTERVAL = Duration.ofMillis(100);
  static final Duration HEARTBEAT_INTERVAL = Duration.ofMillis(200);
  static final Duration HEARTBEAT_TIMEOUT = Duration.ofMillis(800);

  final String instanceId;
  final PostgresDatabase database;
  final PostgresAdvisoryLockLeadership leadership;
  final SchedulerLifecycle lifecycle;
  final List<String> losses = new CopyOnWriteArrayList<>();

  PostgresSchedulerNode(PostgresElectors electors, String instanceId, String jdbcUrl) {
    this.instanceId = instanceId;
    this.database = electors.database(electors.settings(instanceId, jdbcUrl));
    this.leadership = electors.leadership(database);
    PostgresJobRuns runs = new PostgresJobRuns(database, new PostgresFencedTransactions(database));
    Clock clock = Clock.systemUTC();
    LifecycleExecutors executors =
        new LifecycleExecutors(
            Executors.newSingleThreadScheduledExecutor(),
            Executors.newSingleThreadScheduledExecutor(),
            Executors.newSingleThreadExecutor(),
            Executors.newCachedThreadPool(),
            Executors.newSingleThreadScheduledExecutor());
    SchedulerEventsPort events = new RecordedLosses(losses);
    JobScheduler jobs =
        new JobScheduler(
            List.of(ProbeJob.every(PROBE_INTERVAL)),
            runs,
            events,
            clock::instant,
            executors.timer(),
            executors.jobWorkers(),
            Jitter.none());
    SchedulerSettings settings =
        new SchedulerSettings(
            new InstanceId(instanceId),
            AcquireMode.WAIT,
            HEARTBEAT_INTERVAL,
            HEARTBEAT_TIMEOUT,
            Duration.ofSeconds(1),
            Duration.ofSeconds(480),
            Duration.ofSeconds(5),
            Duration.ofSeconds(30),
            SchedulerSettings.DEFAULT_INITIAL_BACKOFF,
            SchedulerSettings.DEFAULT_MAX_BACKOFF);
    this.lifecycle =
        new SchedulerLifecycle(settings, leadership, jobs, runs, events, clock::instant, executors);
  }

  /** Whether exactly one of {@code nodes} leads and all the others follow it. */
  static boolean oneLeadsTheOthersFollow(List<PostgresSchedulerNode> nodes) {
    long leaders = nodes.stream().filter(node -> node.role() == SchedulerRole.LEADER).count();
    long followers = nodes.stream().filter(node -> node.role() == SchedulerRole.FOLLOWER).count();
    return leaders == 1 && followers == nodes.size() - 1;
  }

  SchedulerRole role() {
    return lifecycle.role();
  }

  @Override
  public void close() {
    lifecycle.shutdown();
  }

  private record RecordedLosses(List<String> losses) implements SchedulerEventsPort {
    @Override
    public void lockAttempted(LockAttemptResult result) {}

    @Override
    public void leadershipAcquired(long term) {}

    @Override
    public void leadershipLost(long term, LossReason reason) {
      losses.add(term + " " + reason.wireName());
    }

    @Override
    public void fencedWriteRejected(String operation) {}

    @Override
    public void jobRunFinished(String jobName, JobRunOutcome outcome, Duration duration) {}

    @Override
    public void pollCycleCompleted(PollCycleSummary summary) {}
  }
}
