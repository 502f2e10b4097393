package dev.baton.benchmarks.takeover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScenarioTest {

  @Test
  void allRunsTheScenariosFromTheGentlestOn() {
    assertThat(Scenario.parse("all"))
        .containsExactly(
            Scenario.SIGTERM,
            Scenario.SIGKILL,
            Scenario.TERMINATE_BACKEND,
            Scenario.CUT_OFF,
            Scenario.OUTAGE,
            Scenario.PAUSE);
  }

  @Test
  void oneScenarioByItsName() {
    assertThat(Scenario.parse("terminate-backend")).containsExactly(Scenario.TERMINATE_BACKEND);
    assertThat(Scenario.parse(" SIGKILL ")).containsExactly(Scenario.SIGKILL);
  }

  @Test
  void anUnknownNameListsTheKnownOnes() {
    assertThatThrownBy(() -> Scenario.parse("sighup"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sigterm, sigkill, terminate-backend, cut-off, outage, pause");
    assertThatThrownBy(() -> Scenario.parse("pause,"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown scenario ''");
  }

  @Test
  void severalByNameRunInTheirUsualOrderEachOnce() {
    assertThat(Scenario.parse("pause, terminate-backend,pause"))
        .containsExactly(Scenario.TERMINATE_BACKEND, Scenario.PAUSE);
  }

  @Test
  void theOldLeaderOutlivesItsLeadershipUnlessItsProcessEnds() {
    assertThat(Scenario.TERMINATE_BACKEND.oldLeaderSurvives()).isTrue();
    assertThat(Scenario.CUT_OFF.oldLeaderSurvives()).isTrue();
    assertThat(Scenario.PAUSE.oldLeaderSurvives()).isTrue();
    assertThat(Scenario.TERMINATE_BACKEND.oldLeaderStoppedTarget()).isPresent();
    assertThat(Scenario.SIGKILL.oldLeaderSurvives()).isFalse();
    assertThat(Scenario.SIGTERM.oldLeaderStoppedTarget()).isEmpty();
  }

  @Test
  void onlyAnOutageMayHandTheLeadershipBackToTheSameProcess() {
    assertThat(Scenario.OUTAGE.oldLeaderMayLeadNext()).isTrue();
    assertThat(Scenario.OUTAGE.takeoverTarget()).isEmpty();
    assertThat(Scenario.OUTAGE.lockHolderTarget()).contains(java.time.Duration.ofSeconds(2));
    assertThat(Scenario.CUT_OFF.oldLeaderMayLeadNext()).isFalse();
  }
}
