package dev.baton.testsupport.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.domain.SchedulerInstance;
import dev.baton.domain.SchedulerRole;
import dev.baton.domain.port.InstanceRegistryPort;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link InstanceRegistryPort} must do; each backend runs it on a fresh table. */
public abstract class InstanceRegistryPortContract {
  private static final Instant STARTED = Instant.parse("2026-11-27T00:41:08.123Z");

  private InstanceRegistryPort registry;

  /** A registry over an empty, migrated store. */
  protected abstract InstanceRegistryPort registry();

  /** The {@code role} column as stored, for checking its spelling. */
  protected abstract List<String> storedRoles();

  @BeforeEach
  void openRegistry() {
    registry = registry();
  }

  private static SchedulerInstance instance(String id, Instant startedAt, SchedulerRole role) {
    return new SchedulerInstance(id, "host-1", 4242, "0.1.0", role, startedAt, startedAt);
  }

  @Test
  void registeredInstancesAreListedInStartOrder() {
    SchedulerInstance later = instance("baton-bbb", STARTED.plusSeconds(5), SchedulerRole.FOLLOWER);
    SchedulerInstance earlier = instance("baton-aaa", STARTED, SchedulerRole.LEADER);

    registry.register(later);
    registry.register(earlier);

    assertThat(registry.listInstances()).containsExactly(earlier, later);
  }

  @Test
  void registeringAgainReplacesTheRecord() {
    registry.register(instance("baton-aaa", STARTED, SchedulerRole.ACQUIRING));
    SchedulerInstance restarted =
        new SchedulerInstance(
            "baton-aaa",
            "host-2",
            99,
            null,
            SchedulerRole.FOLLOWER,
            STARTED.plusSeconds(60),
            STARTED.plusSeconds(61));

    registry.register(restarted);

    assertThat(registry.listInstances()).containsExactly(restarted);
  }

  @Test
  void heartbeatRefreshesRoleAndTimeAndStoresTheRoleLowercase() {
    registry.register(instance("baton-aaa", STARTED, SchedulerRole.ACQUIRING));

    registry.heartbeat("baton-aaa", SchedulerRole.LEADER, STARTED.plusSeconds(1));
    registry.heartbeat("baton-unknown", SchedulerRole.LEADER, STARTED.plusSeconds(1));

    assertThat(registry.listInstances())
        .singleElement()
        .satisfies(
            listed -> {
              assertThat(listed.role()).isEqualTo(SchedulerRole.LEADER);
              assertThat(listed.heartbeatAt()).isEqualTo(STARTED.plusSeconds(1));
              assertThat(listed.startedAt()).isEqualTo(STARTED);
            });
    assertThat(storedRoles()).containsExactly("leader");
  }

  @Test
  void pruneDeletesOnlyInstancesNotSeenSinceTheCutoff() {
    registry.register(instance("baton-old", STARTED, SchedulerRole.FOLLOWER));
    registry.register(instance("baton-new", STARTED.plusSeconds(30), SchedulerRole.LEADER));

    int pruned = registry.pruneNotSeenSince(STARTED.plusSeconds(30));

    assertThat(pruned).isEqualTo(1);
    assertThat(registry.listInstances())
        .extracting(SchedulerInstance::instanceId)
        .containsExactly("baton-new");
  }
}
