package dev.baton.adapters.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.domain.InstanceId;
import dev.baton.domain.LeadershipRecord;
import dev.baton.domain.port.LeaderLease;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two real processes on one database file: only one of them may lead. */
class SqliteLeadershipAcrossProcessesTest {
  private static final long LOCK_KEY = 1311768467750121216L;

  @TempDir Path directory;
  private String url;
  private SqliteLocalLeadership leadership;
  private LeaderLease lease;

  @BeforeEach
  void migrate() {
    url = "jdbc:sqlite:" + directory.resolve("baton.db");
    SqliteDatabase database = new SqliteDatabase(url);
    database.migrate();
    leadership =
        new SqliteLocalLeadership(
            database,
            LOCK_KEY,
            new InstanceId("parent"),
            TestClock.stoppedAt("2026-11-27T00:41:08.123Z"));
  }

  @AfterEach
  void abandonLease() {
    if (lease != null) {
      lease.abandon();
    }
  }

  @Test
  void anotherProcessCannotLeadWhileThisOneDoesAndLeadsOnceItReleases() throws Exception {
    lease = leadership.tryAcquire().orElseThrow();

    try (ProbeProcess child = ProbeProcess.start(url, LOCK_KEY, "child")) {
      assertThat(child.ask("try")).isEqualTo("not-acquired");
      assertThat(child.ask("await 300")).isEqualTo("waiting");
      assertThat(child.nextAnswer()).isEqualTo("not-acquired");
      lease.verifyHeld();

      lease.release();

      assertThat(child.ask("try")).isEqualTo("acquired " + (lease.term() + 1));
      LeadershipRecord record = leadership.storedLeadership().orElseThrow();
      assertThat(record.holderInstanceId()).isEqualTo("child");
      assertThat(record.holderPid()).isEqualTo(child.pid());
      assertThat(leadership.tryAcquire()).isEmpty();
      assertThat(child.ask("release")).isEqualTo("released");
    }
    assertThat(leadership.storedLeadership().orElseThrow().releasedCleanly()).isTrue();
  }

  @Test
  void aWaitingProcessLeadsWhenThisOneReleases() throws Exception {
    lease = leadership.tryAcquire().orElseThrow();

    try (ProbeProcess child = ProbeProcess.start(url, LOCK_KEY, "child")) {
      assertThat(child.ask("await " + ProbeProcess.GENEROUS.toMillis())).isEqualTo("waiting");

      lease.release();

      assertThat(child.nextAnswer()).isEqualTo("acquired " + (lease.term() + 1));
    }
  }

  @Test
  void thisProcessLeadsWithinTwoSecondsAfterTheLeadingProcessIsKilled() throws Exception {
    long childTerm;
    try (ProbeProcess child = ProbeProcess.start(url, LOCK_KEY, "child")) {
      String answer = child.ask("try");
      assertThat(answer).startsWith("acquired ");
      childTerm = Long.parseLong(answer.substring("acquired ".length()));
      assertThat(leadership.tryAcquire()).isEmpty();

      child.kill();
    }

    Optional<LeaderLease> taken = leadership.awaitAcquire(Duration.ofSeconds(2));

    assertThat(taken).as("leadership within 2 s of the holder's death").isPresent();
    lease = taken.get();
    assertThat(lease.term()).isEqualTo(childTerm + 1);
    assertThat(lease.jobsStartAt()).isEqualTo(lease.acquiredAt());
  }
}
