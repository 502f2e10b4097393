package dev.baton.application.port.in;

import dev.baton.domain.SchedulerRole;
import java.time.Instant;
import java.util.List;

/**
 * The cluster as the instance registry shows it.
 *
 * @param leaderInstanceId the holder of the current term, or null when nobody holds it
 * @param term the current term, or null before any leader
 */
public record ClusterView(String leaderInstanceId, Long term, List<Instance> instances) {

  public ClusterView {
    instances = List.copyOf(instances);
  }

  /**
   * One registered instance.
   *
   * @param alive whether its heartbeat is recent; a gone instance is pruned later
   */
  public record Instance(
      String instanceId,
      String host,
      long pid,
      String version,
      SchedulerRole role,
      Instant startedAt,
      Instant heartbeatAt,
      boolean alive) {}
}
