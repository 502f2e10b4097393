package dev.baton.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.application.AcquireMode;
import dev.baton.domain.InstanceId;
import dev.baton.embedded.internal.EngineConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SettingsTest {
  private static final InstanceId ID = new InstanceId("baton-a");

  @Test
  void theGraceFollowsTheHeartbeatUnlessGiven() {
    assertThat(Settings.defaults().takeoverGrace()).isEqualTo(Duration.ofSeconds(4));
    Settings fast = Settings.defaults().heartbeat(Duration.ofMillis(200), Duration.ofMillis(500));
    assertThat(fast.takeoverGrace()).isEqualTo(Duration.ofMillis(1700));
    assertThat(fast.takeoverGrace(Duration.ofSeconds(10)).takeoverGrace())
        .isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void eachTimingReachesTheScheduler() {
    var scheduler =
        Settings.defaults()
            .lockWaitSlice(Duration.ofSeconds(2))
            .pollForLock(Duration.ofSeconds(60))
            .drainTimeout(Duration.ofSeconds(5))
            .stepDownCooldown(Duration.ofSeconds(7))
            .scheduler(ID);

    assertThat(scheduler.instanceId()).isEqualTo(ID);
    assertThat(scheduler.acquireMode()).isEqualTo(AcquireMode.POLL);
    assertThat(scheduler.lockWaitSlice()).isEqualTo(Duration.ofSeconds(2));
    assertThat(scheduler.pollLockRetryInterval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(scheduler.drainTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(scheduler.stepDownCooldown()).isEqualTo(Duration.ofSeconds(7));
    assertThat(
            EngineConfig.lockSessionSocketTimeout(
                Settings.defaults().lockWaitSlice(Duration.ofSeconds(2)).scheduler(ID)))
        .isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void aTimingThatCannotWorkIsRefusedAtOnceByName() {
    assertThatThrownBy(() -> Settings.defaults().heartbeat(Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("heartbeatInterval");
    assertThatThrownBy(() -> Settings.defaults().drainTimeout(Duration.ofSeconds(-1)))
        .hasMessageContaining("drainTimeout");
    assertThatThrownBy(() -> Settings.defaults().takeoverGrace(Duration.ofSeconds(-1)))
        .hasMessageContaining("takeoverGrace");
  }
}
