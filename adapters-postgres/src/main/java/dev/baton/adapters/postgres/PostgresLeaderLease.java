package dev.baton.adapters.postgres;

import dev.baton.domain.LeaseLostException;
import dev.baton.domain.LossReason;
import dev.baton.domain.port.LeaderLease;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Leadership held through a {@link LockSession} under one term. */
final class PostgresLeaderLease implements LeaderLease {
  private static final Logger log = LoggerFactory.getLogger(PostgresLeaderLease.class);
  static final String RELEASE_CHANNEL = "baton_leadership";
  private static final Duration RELEASE_WAIT = Duration.ofSeconds(2);

  private final LockSession session;
  private final long lockKey;
  private final String instanceId;
  private final long term;
  private final Instant acquiredAt;
  private final Instant jobsStartAt;
  private final AtomicBoolean ended = new AtomicBoolean();

  PostgresLeaderLease(
      LockSession session,
      long lockKey,
      String instanceId,
      long term,
      Instant acquiredAt,
      Instant jobsStartAt) {
    this.session = session;
    this.lockKey = lockKey;
    this.instanceId = instanceId;
    this.term = term;
    this.acquiredAt = acquiredAt;
    this.jobsStartAt = jobsStartAt;
  }

  @Override
  public long term() {
    return term;
  }

  @Override
  public Instant acquiredAt() {
    return acquiredAt;
  }

  @Override
  public Instant jobsStartAt() {
    return jobsStartAt;
  }

  int lockSessionPid() {
    return session.backendPid();
  }

  @Override
  public void verifyHeld() {
    if (ended.get() || session.isClosed()) {
      throw new LeaseLostException(LossReason.SESSION_LOST, "the lock session is closed");
    }
    boolean held;
    try {
      held = session.provesLock();
    } catch (SQLException e) {
      throw new LeaseLostException(
          isConnectionFailure(e) ? LossReason.SESSION_LOST : LossReason.CHECK_FAILED,
          "lock session check failed: " + e.getMessage(),
          e);
    }
    if (!held) {
      throw new LeaseLostException(
          LossReason.LOCK_NOT_HELD, "pg_locks shows the lock session without the lock");
    }
  }

  /**
   * Marks the release in {@code scheduler_leadership} (committed), notifies waiting followers,
   * unlocks and closes — closing even when a step fails, which drops the lock anyway.
   */
  @Override
  public void release() {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    try {
      session.exclusivelyWithin(
          RELEASE_WAIT,
          () -> {
            session.setLockTimeout(RELEASE_WAIT);
            try (PreparedStatement mark =
                session
                    .connection()
                    .prepareStatement(
                        "update scheduler_leadership set released_at = clock_timestamp(),"
                            + " released_cleanly = true"
                            + " where lock_key = ? and term = ? and holder_instance_id = ?")) {
              mark.setLong(1, lockKey);
              mark.setLong(2, term);
              mark.setString(3, instanceId);
              mark.executeUpdate();
            }
            try (PreparedStatement notify =
                session.connection().prepareStatement("select pg_notify(?, ?)")) {
              notify.setString(1, RELEASE_CHANNEL);
              notify.setString(2, lockKey + ":" + term);
              notify.execute();
            }
            return null;
          });
      session.unlock();
    } catch (SQLException | RuntimeException e) {
      log.warn(
          "Clean release of term {} incomplete ({}); closing the lock session drops the lock",
          term,
          e.getMessage());
    } finally {
      session.close();
    }
  }

  @Override
  public void abandon() {
    if (ended.compareAndSet(false, true)) {
      session.close();
    }
  }

  static boolean isConnectionFailure(SQLException e) {
    String state = e.getSQLState();
    return state == null || state.startsWith("08") || state.startsWith("57P");
  }
}
