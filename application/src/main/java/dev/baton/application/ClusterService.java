package dev.baton.application;

import dev.baton.application.port.in.ClusterQuery;
import dev.baton.application.port.in.ClusterView;
import dev.baton.application.port.in.LeadershipHistoryQuery;
import dev.baton.domain.LeadershipRecord;
import dev.baton.domain.LeadershipTerm;
import dev.baton.domain.SchedulerInstance;
import dev.baton.domain.port.ClockPort;
import dev.baton.domain.port.InstanceRegistryPort;
import dev.baton.domain.port.LeadershipHistoryPort;
import dev.baton.domain.port.LeadershipPort;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The cluster view: registered instances, alive or gone by their heartbeat, the leader, and the
 * leadership's past terms.
 */
public final class ClusterService implements ClusterQuery, LeadershipHistoryQuery {
  private final InstanceRegistryPort registry;
  private final LeadershipPort leadership;
  private final LeadershipHistoryPort history;
  private final ClockPort clock;

  public ClusterService(
      InstanceRegistryPort registry,
      LeadershipPort leadership,
      LeadershipHistoryPort history,
      ClockPort clock) {
    this.registry = registry;
    this.leadership = leadership;
    this.history = history;
    this.clock = clock;
  }

  @Override
  public List<LeadershipTerm> recentTerms(int limit) {
    return history.recentTerms(limit);
  }

  @Override
  public ClusterView cluster() {
    Instant aliveSince = clock.now().minus(InstanceRegistration.GONE_AFTER);
    Optional<LeadershipRecord> leader = leadership.storedLeadership();
    return new ClusterView(
        leader
            .filter(LeadershipRecord::isHeld)
            .map(LeadershipRecord::holderInstanceId)
            .orElse(null),
        leader.map(LeadershipRecord::term).orElse(null),
        registry.listInstances().stream().map(instance -> view(instance, aliveSince)).toList());
  }

  private static ClusterView.Instance view(SchedulerInstance instance, Instant aliveSince) {
    return new ClusterView.Instance(
        instance.instanceId(),
        instance.host(),
        instance.pid(),
        instance.version(),
        instance.role(),
        instance.startedAt(),
        instance.heartbeatAt(),
        instance.heartbeatAt().isAfter(aliveSince));
  }
}
