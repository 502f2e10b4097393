package dev.baton.adapters.postgres;

import dev.baton.domain.LeadershipRecord;
import dev.baton.domain.LeadershipUnavailableException;
import dev.baton.domain.port.ClockPort;
import dev.baton.domain.port.LeaderLease;
import dev.baton.domain.port.LeadershipPort;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leadership through a session-level PostgreSQL advisory lock on a dedicated connection.
 *
 * <p>A follower keeps one candidate session between attempts. On a grant, that session increments
 * the term in {@code baton_leadership} before anything else and becomes the lease's; the next
 * attempt opens a new candidate. Whether the new leader's jobs may start at once is decided from
 * the previous holder's record and sessions (see {@link TakeoverDecision}, {@link TakeoverCheck}).
 */
public final class PostgresAdvisoryLockLeadership implements LeadershipPort, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PostgresAdvisoryLockLeadership.class);

  /** The takeover check ends within its re-check window; this only bounds a stuck session. */
  private static final Duration TAKEOVER_CHECK_TIMEOUT = Duration.ofSeconds(10);

  private final PostgresDatabase database;
  private final PostgresSettings settings;
  private final Jdbi jdbi;
  private final TakeoverCheck takeover;
  // The lock waits and the takeover checks; the acquiring thread waits for them, interruptibly.
  private final ScheduledExecutorService lockSessionWork =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "baton-lock-session");
            thread.setDaemon(true);
            return thread;
          });
  private final AtomicBoolean startupChecked = new AtomicBoolean();
  private final ReleaseNotices releaseNotices;
  private final PostgresLeadershipHistory history;
  private LockSession candidate; // guarded by this

  public PostgresAdvisoryLockLeadership(PostgresDatabase database, ClockPort clock) {
    this.database = database;
    this.settings = database.settings();
    this.jdbi = database.jdbi();
    this.takeover =
        new TakeoverCheck(
            settings.instanceId().value(), settings.takeoverGrace(), clock, lockSessionWork);
    this.releaseNotices = new ReleaseNotices(database);
    this.history = new PostgresLeadershipHistory(database);
  }

  @Override
  public boolean supportsElection() {
    return true;
  }

  @Override
  public Optional<LeaderLease> tryAcquire() {
    LockSession session = candidateSession();
    boolean granted;
    try {
      granted = session.tryLock();
    } catch (SQLException e) {
      dropCandidate(session);
      throw unavailable("lock attempt failed", e);
    }
    return granted ? Optional.of(grant(session)) : Optional.empty();
  }

  @Override
  public Optional<LeaderLease> awaitAcquire(Duration maxWait) throws InterruptedException {
    LockSession session;
    try {
      session = candidateSession();
    } catch (LeadershipUnavailableException e) {
      if (Thread.interrupted()) {
        // The driver reports an interrupt during connect as an odd failure; it is a shutdown.
        throw new InterruptedException("interrupted while opening the lock session");
      }
      throw e;
    }
    Future<Boolean> waiting = lockSessionWork.submit(() -> session.lockWithin(maxWait));
    boolean granted;
    try {
      granted = waiting.get();
    } catch (InterruptedException e) {
      // Shutdown: stop waiting now. Closing the session also gives back a lock granted meanwhile.
      session.cancelStatement();
      dropCandidate(session);
      throw e;
    } catch (ExecutionException e) {
      dropCandidate(session);
      Throwable cause = e.getCause();
      if (cause instanceof SQLException sql) {
        throw unavailable("lock wait failed", sql);
      }
      throw new LeadershipUnavailableException("lock wait failed: " + cause, cause);
    }
    return granted ? Optional.of(grant(session)) : Optional.empty();
  }

  @Override
  public Optional<LeadershipRecord> storedLeadership() {
    try {
      return jdbi.withHandle(
          handle ->
              handle
                  .createQuery(
                      "select term, holder_instance_id, holder_pid, acquired_at, released_at,"
                          + " released_cleanly from <schema>.baton_leadership where lock_key = :key")
                  .bind("key", settings.lockKey())
                  .map((rows, ctx) -> LeadershipRows.record(rows))
                  .findOne());
    } catch (RuntimeException e) {
      throw new LeadershipUnavailableException("reading the leader failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void onCleanRelease(Runnable listener) {
    releaseNotices.start(settings.lockKey(), listener);
  }

  private synchronized LockSession candidateSession() {
    if (candidate != null && !candidate.isClosed()) {
      return candidate;
    }
    try {
      candidate = database.openLockSession();
    } catch (SQLException e) {
      candidate = null;
      throw unavailable("cannot open a lock session", e);
    }
    if (startupChecked.compareAndSet(false, true)) {
      new StartupChecks(settings).run(candidate);
    }
    return candidate;
  }

  private synchronized void dropCandidate(LockSession session) {
    session.close();
    if (candidate == session) {
      candidate = null;
    }
  }

  /** The lock is ours on {@code session}: take a fresh term, then decide when jobs may start. */
  private LeaderLease grant(LockSession session) {
    synchronized (this) {
      if (candidate == session) {
        candidate = null; // the lease owns it now
      }
    }
    if (database.reconnectPoolNow()) {
      log.info("Lock granted while the pool waited to reconnect: reconnecting now");
    }
    try {
      Optional<LockSession.PreviousHolder> previous = session.readLeadership();
      TermGrant granted = session.takeNextTerm(settings.instanceId().value());
      Duration wait =
          takeover
              .waitBeforeJobs(granted.term(), previous, session::sessionsOf)
              .get(TAKEOVER_CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return new PostgresLeaderLease(
          session,
          settings.instanceId().value(),
          history,
          granted.term(),
          granted.acquiredAt(),
          granted.acquiredAt().plus(wait));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      session.close();
      throw new LeadershipUnavailableException("interrupted while taking the term", e);
    } catch (SQLException | ExecutionException | TimeoutException | RuntimeException e) {
      session.close();
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new LeadershipUnavailableException(
          "lock granted but the term could not be taken; lock given back: " + cause.getMessage(),
          cause);
    }
  }

  private static LeadershipUnavailableException unavailable(String what, SQLException e) {
    return new LeadershipUnavailableException(
        what + ": " + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")", e);
  }

  /** Closes the candidate session, the notice listener and the wait thread. Held leases stay. */
  @Override
  public void close() {
    synchronized (this) {
      if (candidate != null) {
        candidate.cancelStatement();
        candidate.close();
        candidate = null;
      }
    }
    releaseNotices.close();
    lockSessionWork.shutdownNow();
  }
}
