package dev.baton.adapters.postgres;

import dev.baton.domain.LeaseLostException;
import dev.baton.domain.LossReason;
import dev.baton.domain.TermEndReason;
import dev.baton.domain.port.GuardedLeaderLease;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Leadership held through a {@link LockSession} under one term. */
final class PostgresLeaderLease extends GuardedLeaderLease {
  private static final Logger log = LoggerFactory.getLogger(PostgresLeaderLease.class);
  private static final Duration RELEASE_WAIT = Duration.ofSeconds(2);

  private final LockSession session;
  private final String instanceId;
  private final PostgresLeadershipHistory history;

  PostgresLeaderLease(
      LockSession session,
      String instanceId,
      PostgresLeadershipHistory history,
      long term,
      Instant acquiredAt,
      Instant jobsStartAt) {
    super(term, acquiredAt, jobsStartAt);
    this.session = session;
    this.instanceId = instanceId;
    this.history = history;
  }

  int lockSessionPid() {
    return session.backendPid();
  }

  @Override
  public void verifyHeld() {
    if (isEnded() || session.isClosed()) {
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
   * Marks the release in {@code baton_leadership} (committed), notifies waiting followers, unlocks
   * and closes — closing even when a step fails, which drops the lock anyway.
   */
  @Override
  protected void releaseOnce(TermEndReason how) {
    try {
      session.markReleased(term(), instanceId, how, RELEASE_WAIT);
      session.unlock();
    } catch (SQLException | RuntimeException e) {
      log.warn(
          "Clean release of term {} incomplete ({}); closing the lock session drops the lock",
          term(),
          e.getMessage());
    } finally {
      session.close();
    }
  }

  @Override
  protected void abandonOnce() {
    session.close();
  }

  @Override
  protected void recordFencedOut() {
    history.markFencedOut(term(), instanceId);
  }

  static boolean isConnectionFailure(SQLException e) {
    String state = e.getSQLState();
    return state == null || state.startsWith("08") || state.startsWith("57P");
  }
}
