package dev.baton.adapters.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.domain.InstanceId;
import dev.baton.domain.LeadershipRecord;
import dev.baton.domain.LeadershipUnavailableException;
import dev.baton.domain.LeaseLostException;
import dev.baton.domain.LossReason;
import dev.baton.domain.port.LeaderLease;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteLocalLeadershipTest {
  private static final long LOCK_KEY = 1311768467750121216L;

  @TempDir Path directory;
  private SqliteDatabase database;
  private final TestClock clock = TestClock.stoppedAt("2026-11-27T00:41:08.123456789Z");
  private SqliteLocalLeadership leadership;
  private LeaderLease lease;

  @BeforeEach
  void migrate() {
    database = new SqliteDatabase("jdbc:sqlite:" + directory.resolve("baton.db"));
    database.migrate();
    leadership = leadershipOf("instance-a");
  }

  @AfterEach
  void abandonLease() {
    if (lease != null) {
      lease.abandon();
    }
  }

  private SqliteLocalLeadership leadershipOf(String instanceId) {
    return new SqliteLocalLeadership(database, LOCK_KEY, new InstanceId(instanceId), clock);
  }

  @Test
  void electsNoLeaderAmongMachines() {
    assertThat(leadership.supportsElection()).isFalse();
  }

  @Test
  void aGrantRecordsThisProcessAndTheClockTimeToTheMillisecond() {
    lease = leadership.tryAcquire().orElseThrow();

    Instant expected = Instant.parse("2026-11-27T00:41:08.123Z");
    assertThat(lease.acquiredAt()).isEqualTo(expected);
    assertThat(lease.jobsStartAt()).isEqualTo(expected);
    assertThat(leadership.storedLeadership())
        .contains(
            new LeadershipRecord(
                1, "instance-a", ProcessHandle.current().pid(), expected, null, false));
    assertThat(storedText("SELECT acquired_at FROM baton_leadership"))
        .isEqualTo("2026-11-27T00:41:08.123Z");
  }

  @Test
  void theLockFileLiesBesideTheDatabase() {
    lease = leadership.tryAcquire().orElseThrow();

    assertThat(leadership.lockFile()).isEqualTo(directory.resolve("baton.db.leader-lock"));
    assertThat(leadership.lockFile()).exists();
  }

  @Test
  void aCleanReleaseRecordsItsTime() {
    lease = leadership.tryAcquire().orElseThrow();
    clock.set(Instant.parse("2026-11-27T01:00:00.5Z"));

    lease.release();

    assertThat(storedText("SELECT released_at FROM baton_leadership"))
        .isEqualTo("2026-11-27T01:00:00.500Z");
  }

  @Test
  void releaseFreesTheLockEvenWhenTheReleaseCannotBeRecorded() throws IOException {
    lease = leadership.tryAcquire().orElseThrow();
    database.jdbi().useHandle(handle -> handle.execute("DROP TABLE baton_leadership"));

    lease.release();

    Optional<LocalLeaderLock> lock = LeaderLockFile.tryLock(leadership.lockFile());
    assertThat(lock).isPresent();
    lock.get().release();
  }

  @Test
  void aGrantThatCannotBeRecordedFailsAndFreesTheLock() throws IOException {
    database.jdbi().useHandle(handle -> handle.execute("DROP TABLE baton_leadership"));

    assertThatThrownBy(leadership::tryAcquire).isInstanceOf(LeadershipUnavailableException.class);

    Optional<LocalLeaderLock> lock = LeaderLockFile.tryLock(leadership.lockFile());
    assertThat(lock).isPresent();
    lock.get().release();
  }

  @Test
  void aDeletedLockFileEndsTheLease() throws IOException {
    lease = leadership.tryAcquire().orElseThrow();

    Files.delete(leadership.lockFile());

    assertThatThrownBy(lease::verifyHeld)
        .isInstanceOfSatisfying(
            LeaseLostException.class,
            lost -> assertThat(lost.reason()).isEqualTo(LossReason.LOCK_NOT_HELD));
  }

  @Test
  void aNewerStoredTermEndsTheLease() {
    lease = leadership.tryAcquire().orElseThrow();

    database
        .jdbi()
        .useHandle(handle -> handle.execute("UPDATE baton_leadership SET term = term + 1"));

    assertThatThrownBy(lease::verifyHeld)
        .isInstanceOfSatisfying(
            LeaseLostException.class,
            lost -> assertThat(lost.reason()).isEqualTo(LossReason.LOCK_NOT_HELD));
  }

  @Test
  void anotherDatabaseFileHasItsOwnLock() {
    lease = leadership.tryAcquire().orElseThrow();
    SqliteDatabase other = new SqliteDatabase("jdbc:sqlite:" + directory.resolve("other.db"));
    other.migrate();

    Optional<LeaderLease> elsewhere =
        new SqliteLocalLeadership(other, LOCK_KEY, new InstanceId("instance-b"), clock)
            .tryAcquire();

    assertThat(elsewhere).isPresent();
    elsewhere.get().release();
  }

  @Test
  void anInMemoryDatabaseGrantsOneLeaseAtATime() {
    try (SqliteDatabase inMemory = new SqliteDatabase("jdbc:sqlite::memory:")) {
      inMemory.migrate();
      SqliteLocalLeadership local =
          new SqliteLocalLeadership(inMemory, LOCK_KEY, new InstanceId("instance-a"), clock);

      LeaderLease first = local.tryAcquire().orElseThrow();
      assertThat(local.tryAcquire()).isEmpty();
      first.verifyHeld();
      first.release();
      LeaderLease second = local.tryAcquire().orElseThrow();

      assertThat(local.lockFile()).isNull();
      assertThatThrownBy(first::verifyHeld).isInstanceOf(LeaseLostException.class);
      assertThat(second.term()).isEqualTo(first.term() + 1);
      second.verifyHeld();
      second.abandon();
      assertThat(local.tryAcquire()).isPresent();
    }
  }

  private String storedText(String query) {
    return database
        .jdbi()
        .withHandle(handle -> handle.createQuery(query).mapTo(String.class).one());
  }
}
