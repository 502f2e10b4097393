package dev.baton.benchmarks.polling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CycleTargetTest {

  @Test
  void theProviderBoundIsBatchesTimesLatencyOverConcurrency() {
    CycleTarget target = new CycleTarget(500, Duration.ofMillis(50), 16);

    assertThat(target.providerBoundMs()).isCloseTo(1562.5, within(1e-9));
  }

  @Test
  void theLimitAllowsTwentyPercentOverTheBoundPlusTheDatabaseTime() {
    CycleTarget target = new CycleTarget(100, Duration.ofMillis(10), 10);

    assertThat(target.limitMs(30)).isCloseTo(1.2 * 100 + 30, within(1e-9));
    assertThat(target.met(150, 30)).isTrue();
    assertThat(target.met(150.1, 30)).isFalse();
  }

  @Test
  void withoutLatencyOnlyTheDatabaseTimeIsAllowed() {
    CycleTarget target = new CycleTarget(500, Duration.ZERO, 16);

    assertThat(target.providerBoundMs()).isZero();
    assertThat(target.limitMs(12.5)).isEqualTo(12.5);
  }

  @Test
  void keepsSubMillisecondLatencies() {
    assertThat(new CycleTarget(4, Duration.ofNanos(500_000), 2).providerBoundMs())
        .isCloseTo(1.0, within(1e-9));
  }

  @Test
  void refusesNonsense() {
    assertThatThrownBy(() -> new CycleTarget(0, Duration.ofMillis(50), 16))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CycleTarget(10, Duration.ofMillis(50), 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CycleTarget(10, Duration.ofMillis(-1), 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
