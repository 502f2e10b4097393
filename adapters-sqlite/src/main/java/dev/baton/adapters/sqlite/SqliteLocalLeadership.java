package dev.baton.adapters.sqlite;

import dev.baton.domain.InstanceId;
import dev.baton.domain.LeadershipRecord;
import dev.baton.domain.LeadershipUnavailableException;
import dev.baton.domain.LeaseLostException;
import dev.baton.domain.LossReason;
import dev.baton.domain.TermEndReason;
import dev.baton.domain.port.ClockPort;
import dev.baton.domain.port.LeaderLease;
import dev.baton.domain.port.LeadershipPort;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leadership on one SQLite database file: no election among machines, only a guard that a second
 * process on the same file (on the same machine) cannot run the jobs too. The guard is an OS lock
 * on a file beside the database, {@code <database file>.leader-lock}; an in-memory database, which
 * no other process can open, is guarded by a flag of this object.
 *
 * <p>Each grant increments the stored term, so job runs are fenced as on PostgreSQL.
 */
public final class SqliteLocalLeadership implements LeadershipPort {
  static final String LOCK_FILE_SUFFIX = ".leader-lock";
  static final Duration RETRY_INTERVAL = Duration.ofMillis(50);

  private static final Logger log = LoggerFactory.getLogger(SqliteLocalLeadership.class);
  private static final long PROCESS_ID = ProcessHandle.current().pid();

  private final Jdbi jdbi;
  private final long lockKey;
  private final InstanceId instanceId;
  private final ClockPort clock;
  private final Path lockFile;
  private final AtomicBoolean inProcessLockTaken = new AtomicBoolean();

  public SqliteLocalLeadership(
      SqliteDatabase database, long lockKey, InstanceId instanceId, ClockPort clock) {
    this.jdbi = database.jdbi();
    this.lockKey = lockKey;
    this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.lockFile =
        database.inMemory()
            ? null
            : database.file().resolveSibling(database.file().getFileName() + LOCK_FILE_SUFFIX);
  }

  @Override
  public boolean supportsElection() {
    return false;
  }

  @Override
  public Optional<LeaderLease> tryAcquire() {
    Optional<LocalLeaderLock> lock = lockLocally();
    if (lock.isEmpty()) {
      return Optional.empty();
    }
    try {
      Instant acquiredAt = SqliteTimestamps.stored(clock.now());
      long term =
          jdbi.inTransaction(
              handle -> {
                long granted =
                    LeadershipTable.grant(
                        handle, lockKey, instanceId.value(), PROCESS_ID, acquiredAt);
                LeadershipHistoryTable.begin(
                    handle, lockKey, granted, instanceId.value(), acquiredAt);
                return granted;
              });
      log.debug("instance {} leads under term {} (pid {})", instanceId, term, PROCESS_ID);
      return Optional.of(new SqliteLeaderLease(this, lock.get(), term, acquiredAt));
    } catch (JdbiException e) {
      lock.get().release();
      throw new LeadershipUnavailableException("cannot record the new leadership term", e);
    } catch (RuntimeException e) {
      lock.get().release();
      throw e;
    }
  }

  private Optional<LocalLeaderLock> lockLocally() {
    if (lockFile == null) {
      return InProcessLeaderLock.tryLock(inProcessLockTaken);
    }
    try {
      return LeaderLockFile.tryLock(lockFile);
    } catch (ClosedByInterruptException e) {
      // Not a backend failure: the thread is being interrupted, and keeps its interrupt status
      // for the caller (awaitAcquire's next wait throws InterruptedException).
      return Optional.empty();
    } catch (IOException e) {
      throw new LeadershipUnavailableException("cannot lock " + lockFile, e);
    }
  }

  /**
   * Retries every {@link #RETRY_INTERVAL} for {@code maxWait}: the OS offers no lock wait that can
   * be bounded or interrupted. Counting retries rather than reading a clock keeps the wait
   * independent of {@link ClockPort}, which a test may hold still.
   */
  @Override
  public Optional<LeaderLease> awaitAcquire(Duration maxWait) throws InterruptedException {
    long retries = Math.max(0, ceilDiv(maxWait.toMillis(), RETRY_INTERVAL.toMillis()));
    for (long retry = 0; ; retry++) {
      if (Thread.interrupted()) {
        throw new InterruptedException("interrupted while waiting for the leadership");
      }
      Optional<LeaderLease> lease = tryAcquire();
      if (lease.isPresent() || retry >= retries) {
        return lease;
      }
      Thread.sleep(RETRY_INTERVAL.toMillis());
    }
  }

  private static long ceilDiv(long dividend, long divisor) {
    return -Math.floorDiv(-dividend, divisor);
  }

  @Override
  public Optional<LeadershipRecord> storedLeadership() {
    try {
      return jdbi.withHandle(handle -> LeadershipTable.find(handle, lockKey));
    } catch (JdbiException e) {
      throw new LeadershipUnavailableException("cannot read the leadership record", e);
    }
  }

  void verifyTermIsCurrent(long term) {
    Optional<Long> current;
    try {
      current = jdbi.withHandle(handle -> LeadershipTable.currentTerm(handle, lockKey));
    } catch (JdbiException e) {
      throw new LeaseLostException(LossReason.CHECK_FAILED, "cannot read the current term", e);
    }
    if (current.isEmpty() || current.get() != term) {
      throw new LeaseLostException(
          LossReason.LOCK_NOT_HELD,
          "term "
              + term
              + " is no longer current; stored: "
              + current.map(String::valueOf).orElse("none"));
    }
  }

  /** A failure here leaves the release unclean in the record; the lock is released regardless. */
  void markReleasedCleanly(long term, TermEndReason how) {
    try {
      Instant releasedAt = SqliteTimestamps.stored(clock.now());
      boolean marked =
          jdbi.inTransaction(
              handle -> {
                LeadershipHistoryTable.end(handle, lockKey, term, releasedAt, how);
                return LeadershipTable.markReleasedCleanly(handle, lockKey, term, releasedAt);
              });
      log.debug(
          "instance {} released term {}{}",
          instanceId,
          term,
          marked ? "" : " (a later term is recorded; left as it is)");
    } catch (JdbiException e) {
      log.warn(
          "instance {} could not record the clean release of term {}; releasing the lock anyway",
          instanceId,
          term,
          e);
    }
  }

  /** A failure here leaves the term {@code lost} in the history, as the next leader wrote it. */
  void markFencedOut(long term) {
    try {
      Instant at = SqliteTimestamps.stored(clock.now());
      jdbi.useTransaction(
          handle -> LeadershipHistoryTable.markFencedOut(handle, lockKey, term, at));
    } catch (JdbiException e) {
      log.warn("instance {} could not record term {} fenced out", instanceId, term, e);
    }
  }

  Path lockFile() {
    return lockFile;
  }
}
