package dev.baton.benchmarks.takeover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SchedulerViewTest {

  @Test
  void readsALeader() throws IOException {
    SchedulerView view =
        SchedulerView.parse(
            "{\"instanceId\":\"baton-53d359adfa21\",\"role\":\"LEADER\",\"term\":2,"
                + "\"leaderInstanceId\":\"baton-53d359adfa21\","
                + "\"leaderSince\":\"2026-11-27T01:15:41.852Z\","
                + "\"jobsStartAt\":\"2026-11-27T01:15:45.852Z\",\"backend\":\"postgres\","
                + "\"electionSupported\":true,\"acquireMode\":\"wait\",\"jobs\":[]}");

    assertThat(view)
        .isEqualTo(
            new SchedulerView(
                "baton-53d359adfa21",
                "LEADER",
                2L,
                "baton-53d359adfa21",
                Instant.parse("2026-11-27T01:15:45.852Z")));
    assertThat(view.isLeader()).isTrue();
  }

  @Test
  void readsAFollowerWithoutJobsStart() throws IOException {
    SchedulerView view =
        SchedulerView.parse(
            "{\"instanceId\":\"baton-3c775cc17c41\",\"role\":\"FOLLOWER\",\"term\":2,"
                + "\"leaderInstanceId\":\"baton-53d359adfa21\",\"jobsStartAt\":null}");

    assertThat(view.jobsStartAt()).isNull();
    assertThat(view.isLeader()).isFalse();
    assertThat(view.isFollowerOf("baton-53d359adfa21")).isTrue();
    assertThat(view.isFollowerOf("baton-3c775cc17c41")).isFalse();
  }

  @Test
  void anInstanceThatKnowsNoTermYetHasNone() throws IOException {
    SchedulerView view =
        SchedulerView.parse(
            "{\"instanceId\":\"baton-3c775cc17c41\",\"role\":\"ACQUIRING\",\"term\":null}");

    assertThat(view.term()).isNull();
    assertThat(view.leaderInstanceId()).isNull();
    assertThat(view.isFollowerOf("baton-53d359adfa21")).isFalse();
  }

  @Test
  void refusesWhatIsNotASchedulerStatus() {
    assertThatThrownBy(() -> SchedulerView.parse("{\"type\":\"about:blank\",\"status\":503}"))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> SchedulerView.parse("<html>")).isInstanceOf(IOException.class);
  }
}
