package dev.baton.domain.port;

import dev.baton.domain.SchedulerInstance;
import dev.baton.domain.SchedulerRole;
import java.time.Instant;
import java.util.List;

/** The instances that run Baton on one database ({@code baton_instance}). */
public interface InstanceRegistryPort {

  /** Records an instance, replacing an earlier record of the same id. */
  void register(SchedulerInstance instance);

  /** Refreshes an instance's heartbeat and role. */
  void heartbeat(String instanceId, SchedulerRole role, Instant at);

  List<SchedulerInstance> listInstances();

  /** Deletes instances whose heartbeat is older than {@code cutoff}; returns how many. */
  int pruneNotSeenSince(Instant cutoff);
}
