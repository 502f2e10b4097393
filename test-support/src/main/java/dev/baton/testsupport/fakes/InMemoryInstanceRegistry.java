package dev.baton.testsupport.fakes;

import dev.baton.domain.SchedulerInstance;
import dev.baton.domain.SchedulerRole;
import dev.baton.domain.port.InstanceRegistryPort;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/** The instance registry in memory; it can be made to fail like an unreachable database. */
public final class InMemoryInstanceRegistry implements InstanceRegistryPort {
  private final Map<String, SchedulerInstance> instances = new LinkedHashMap<>();
  private final AtomicBoolean failing = new AtomicBoolean();

  public void setFailing(boolean failing) {
    this.failing.set(failing);
  }

  /** Forgets every row, as a database restored from an old backup would. */
  public synchronized void clear() {
    instances.clear();
  }

  private void throwIfFailing() {
    if (failing.get()) {
      throw new IllegalStateException("database unreachable");
    }
  }

  @Override
  public synchronized void register(SchedulerInstance instance) {
    throwIfFailing();
    instances.put(instance.instanceId(), instance);
  }

  @Override
  public synchronized void heartbeat(String instanceId, SchedulerRole role, Instant at) {
    throwIfFailing();
    SchedulerInstance known = instances.get(instanceId);
    if (known != null) {
      instances.put(
          instanceId,
          new SchedulerInstance(
              known.instanceId(),
              known.host(),
              known.pid(),
              known.version(),
              role,
              known.startedAt(),
              at));
    }
  }

  @Override
  public synchronized List<SchedulerInstance> listInstances() {
    throwIfFailing();
    List<SchedulerInstance> all = new ArrayList<>(instances.values());
    all.sort(Comparator.comparing(SchedulerInstance::startedAt));
    return all;
  }

  @Override
  public synchronized int pruneNotSeenSince(Instant cutoff) {
    throwIfFailing();
    int before = instances.size();
    instances.values().removeIf(instance -> instance.heartbeatAt().isBefore(cutoff));
    return before - instances.size();
  }
}
