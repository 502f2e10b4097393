package dev.baton.adapters.http;

import dev.baton.application.port.in.ClusterView;
import java.time.Instant;
import java.util.List;

/** The body of {@code GET /v1/scheduler/instances}. */
record ClusterResponse(String leaderInstanceId, Long term, List<Instance> instances) {
  static final String ALIVE = "alive";
  static final String GONE = "gone";

  static ClusterResponse from(ClusterView cluster) {
    return new ClusterResponse(
        cluster.leaderInstanceId(),
        cluster.term(),
        cluster.instances().stream().map(Instance::from).toList());
  }

  record Instance(
      String instanceId,
      String host,
      long pid,
      String version,
      String role,
      Instant startedAt,
      Instant heartbeatAt,
      String state) {
    static Instance from(ClusterView.Instance instance) {
      return new Instance(
          instance.instanceId(),
          instance.host(),
          instance.pid(),
          instance.version(),
          instance.role().name(),
          instance.startedAt(),
          instance.heartbeatAt(),
          instance.alive() ? ALIVE : GONE);
    }
  }
}
