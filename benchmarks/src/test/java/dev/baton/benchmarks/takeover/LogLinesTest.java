package dev.baton.benchmarks.takeover;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogLinesTest {
  private static final String ID = "baton-3c775cc17c41";

  private static final List<String> LOG =
      List.of(
          "2026-11-27T01:15:35.599Z INFO  [main] d.b.application.SchedulerLifecycle - Scheduler"
              + " role ACQUIRING -> LEADER (instance baton-3c775cc17c41, term 11)",
          "java.lang.IllegalStateException: a stack trace line has no timestamp",
          "\tat dev.baton.Something.run(Something.java:1)",
          "2026-11-27T01:15:42.053Z INFO  [baton-job-1] d.b.application.SchedulerLifecycle -"
              + " Scheduler role LEADER -> ACQUIRING (instance baton-3c775cc17c41, term 11)",
          "2026-11-27T01:17:02.040Z INFO  [baton-shutdown] d.b.application.SchedulerLifecycle -"
              + " Released the leadership of term 11 cleanly",
          "2026-11-27T01:17:02.041Z INFO  [baton-shutdown] d.b.application.SchedulerLifecycle -"
              + " Scheduler role STOPPING -> STOPPED (instance baton-3c775cc17c41, term 11)");

  @Test
  void findsTheCleanReleaseOfExactlyThatTerm() {
    assertThat(LogLines.cleanRelease(LOG, 11)).contains(Instant.parse("2026-11-27T01:17:02.040Z"));
    assertThat(LogLines.cleanRelease(LOG, 1)).isEmpty();
    assertThat(LogLines.cleanRelease(LOG, 111)).isEmpty();
  }

  @Test
  void findsWhenTheInstanceLeftLeaderOfThatTerm() {
    assertThat(LogLines.leftLeader(LOG, ID, 11))
        .contains(Instant.parse("2026-11-27T01:15:42.053Z"));
    assertThat(LogLines.leftLeader(LOG, ID, 1)).isEmpty();
    assertThat(LogLines.leftLeader(LOG, "baton-000000000000", 11)).isEmpty();
  }

  @Test
  void leaderSpansRunFromTakingTheRoleToLeavingIt() {
    List<String> log =
        new java.util.ArrayList<>(
            List.of(
                "2026-11-27T01:14:00.000Z INFO  [main] d.b.a.SchedulerLifecycle - Scheduler role"
                    + " STARTING -> ACQUIRING (instance baton-3c775cc17c41, term none)"));
    log.addAll(LOG);
    log.add(
        "2026-11-27T01:18:00.000Z INFO  [lock] d.b.a.SchedulerLifecycle - Scheduler role"
            + " FOLLOWER -> LEADER (instance baton-3c775cc17c41, term 13)");

    assertThat(LogLines.leaderSpans(log))
        .containsExactly(
            new LogLines.LeaderSpan(
                Instant.parse("2026-11-27T01:15:35.599Z"),
                Instant.parse("2026-11-27T01:15:42.053Z"),
                11),
            new LogLines.LeaderSpan(Instant.parse("2026-11-27T01:18:00.000Z"), null, 13));
  }

  @Test
  void findsWhenTheInstanceTookTheLeaderRoleWithThatTerm() {
    assertThat(LogLines.tookLeader(LOG, ID, 11))
        .contains(Instant.parse("2026-11-27T01:15:35.599Z"));
    assertThat(LogLines.tookLeader(LOG, ID, 12)).isEmpty();
    assertThat(LogLines.tookLeader(LOG, "baton-000000000000", 11)).isEmpty();
  }

  @Test
  void theLossLineCountsAsLeavingWhenItComesFirst() {
    List<String> log =
        List.of(
            "2026-11-27T01:15:42.050Z WARN  [baton-timer-1] d.b.application.SchedulerLifecycle -"
                + " Instance baton-3c775cc17c41 lost the leadership of term 11 (heartbeat_timeout:"
                + " lease check did not answer within 2000 ms); jobs stopped",
            LOG.get(3));

    assertThat(LogLines.leftLeader(log, ID, 11))
        .contains(Instant.parse("2026-11-27T01:15:42.050Z"));
    assertThat(LogLines.leftLeader(log, ID, 1)).isEmpty();
  }

  @Test
  void aLineWithoutALeadingTimestampHasNone() {
    assertThat(LogLines.timestamp(LOG.get(1))).isEmpty();
    assertThat(LogLines.timestamp("")).isEmpty();
    assertThat(LogLines.timestamp("2026-11-27T01:15:42.053Z")).isEmpty();
    assertThat(LogLines.timestamp("{\"timestamp\":1} json")).isEmpty();
  }

  @Test
  void aMatchingLineCutOffBeforeItsTimestampEndsIsSkipped() {
    List<String> partial = List.of("2026-11-27T01:17 Released the leadership of term 11 cleanly");

    assertThat(LogLines.cleanRelease(partial, 11)).isEmpty();
  }
}
