package dev.baton.adapters.http;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.baton.application.port.in.ClusterView;
import dev.baton.domain.SchedulerInstance;
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

  /** A registered instance as the registry has it, and whether it is alive or gone. */
  record Instance(@JsonUnwrapped SchedulerInstance registered, String state) {
    static Instance from(ClusterView.Instance instance) {
      return new Instance(instance.registered(), instance.alive() ? ALIVE : GONE);
    }
  }
}
