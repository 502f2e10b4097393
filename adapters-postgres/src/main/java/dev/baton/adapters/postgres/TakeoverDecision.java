package dev.baton.adapters.postgres;

import dev.baton.domain.LeadershipRecord;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a new leader's jobs may start. At once after a clean release, when this instance held the
 * lock before (it stopped its own jobs when it lost the lock), or when the previous holder has no
 * session left but its old lock backend; otherwise after the takeover grace, by which a live old
 * leader has noticed the loss and stopped by itself.
 */
final class TakeoverDecision {
  private static final Logger log = LoggerFactory.getLogger(TakeoverDecision.class);

  /** A killed process's backends take a few milliseconds to go. */
  static final Duration SESSIONS_GONE_RECHECK = Duration.ofMillis(300);

  private static final Duration RECHECK_PAUSE = Duration.ofMillis(20);

  private final PostgresSettings settings;

  TakeoverDecision(PostgresSettings settings) {
    this.settings = settings;
  }

  Duration waitBeforeJobs(
      LockSession session,
      Optional<LeadershipRecord> previous,
      PostgresAdvisoryLockLeadership.TermGrant granted)
      throws SQLException {
    if (previous.isEmpty()) {
      log.info(
          "Term {}: first leader of lock key {}; jobs start at once",
          granted.term(),
          settings.lockKey());
      return Duration.ZERO;
    }
    LeadershipRecord before = previous.get();
    if (before.releasedCleanly() && before.releasedAt() != null) {
      log.info(
          "Term {}: {} released term {} cleanly; jobs start at once",
          granted.term(),
          before.holderInstanceId(),
          before.term());
      return Duration.ZERO;
    }
    if (before.holderInstanceId().equals(settings.instanceId().value())) {
      log.info(
          "Term {}: this instance held term {} before and stopped its jobs when it lost it; jobs"
              + " start at once",
          granted.term(),
          before.term());
      return Duration.ZERO;
    }
    long deadline = System.nanoTime() + SESSIONS_GONE_RECHECK.toNanos();
    int remaining;
    while (true) {
      remaining = sessionsOf(session, before);
      if (remaining == 0 || System.nanoTime() >= deadline) {
        break;
      }
      pause();
    }
    if (remaining == 0) {
      log.info(
          "Term {}: {} (term {}) ended without a clean release and has no session left; jobs start"
              + " at once",
          granted.term(),
          before.holderInstanceId(),
          before.term());
      return Duration.ZERO;
    }
    log.warn(
        "Term {}: {} (term {}) ended without a clean release and still has {} session(s); jobs"
            + " start after the takeover grace of {} ms",
        granted.term(),
        before.holderInstanceId(),
        before.term(),
        remaining,
        settings.takeoverGrace().toMillis());
    return settings.takeoverGrace();
  }

  /** Sessions of the previous holder other than its old lock backend. */
  private static int sessionsOf(LockSession session, LeadershipRecord before) throws SQLException {
    return session.exclusively(
        () -> {
          try (PreparedStatement statement =
              session
                  .connection()
                  .prepareStatement(
                      "select count(*) from pg_stat_activity where application_name = ?"
                          + " and pid <> ?")) {
            statement.setString(1, before.holderInstanceId());
            statement.setLong(2, before.holderPid());
            try (ResultSet rows = statement.executeQuery()) {
              rows.next();
              return rows.getInt(1);
            }
          }
        });
  }

  private static void pause() {
    try {
      Thread.sleep(RECHECK_PAUSE.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
