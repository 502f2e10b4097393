package dev.baton.adapters.postgres;

import dev.baton.domain.LeadershipRecord;
import dev.baton.domain.TermEndReason;
import dev.baton.domain.port.LeadershipHistoryPort;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One dedicated connection that takes, proves and gives back the advisory lock, and answers the few
 * questions of the leadership around it (the leadership row, the next term, the old holder's
 * sessions, the release). It owns all its SQL and lends its connection to nobody, so its rules hold
 * in one place: autocommit, only short statements (or a bounded lock wait), one statement at a
 * time. {@link #holdsLock} keeps it from locking twice: advisory locks stack, and each lock needs
 * its own unlock.
 */
final class LockSession implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LockSession.class);

  /** SQLSTATE lock_not_available: the lock wait (or a row lock) ran into lock_timeout. */
  static final String LOCK_NOT_AVAILABLE = "55P03";

  /** SQLSTATE undefined_table. */
  private static final String UNDEFINED_TABLE = "42P01";

  /** The channel a clean release is announced on. */
  static final String RELEASE_CHANNEL = "baton_leadership";

  private static final Duration TERM_ATTEMPT_TIMEOUT = Duration.ofSeconds(1);
  private static final int TERM_ATTEMPTS = 15;

  private static final String HOLDS_LOCK =
      "select exists (select 1 from pg_locks where locktype = 'advisory' and objsubid = 1"
          + " and pid = pg_backend_pid() and granted"
          + " and ((classid::bigint << 32) | objid::bigint) = ?)";

  private final LockConnections connections;
  private final Connection connection;
  private final long lockKey;
  private final String schema;
  private final boolean namesEverySession;
  private final int backendPid;
  private final ReentrantLock inUse = new ReentrantLock();
  private volatile boolean holdsLock;

  /** False from a lock statement's start until its outcome is known: it may have been granted. */
  private volatile boolean lockStateKnown = true;

  private volatile boolean closed;

  /**
   * @param namesEverySession whether every session of this instance carries its id, which the term
   *     row records for the next leader
   */
  LockSession(LockConnections connections, long lockKey, String schema, boolean namesEverySession)
      throws SQLException {
    this.connections = connections;
    this.connection = connections.open();
    this.lockKey = lockKey;
    this.schema = schema;
    this.namesEverySession = namesEverySession;
    try {
      this.backendPid = connection.unwrap(PGConnection.class).getBackendPID();
    } catch (SQLException | RuntimeException e) {
      connections.giveBack(connection, false, false);
      throw e;
    }
  }

  int backendPid() {
    return backendPid;
  }

  boolean holdsLock() {
    return holdsLock;
  }

  /** {@code pg_try_advisory_lock}: true when granted now. */
  boolean tryLock() throws SQLException {
    requireNotHolding();
    return exclusively(
        () -> {
          lockStateKnown = false;
          try (PreparedStatement statement = prepare("select pg_try_advisory_lock(?)")) {
            statement.setLong(1, lockKey);
            holdsLock = singleBoolean(statement);
            lockStateKnown = true;
            return holdsLock;
          }
        });
  }

  /**
   * {@code pg_advisory_lock} under {@code lock_timeout = maxWait}: true as soon as the lock is
   * granted, false when the wait ran out.
   */
  boolean lockWithin(Duration maxWait) throws SQLException {
    requireNotHolding();
    return exclusively(
        () -> {
          setLockTimeout(maxWait);
          lockStateKnown = false;
          try (PreparedStatement statement = prepare("select pg_advisory_lock(?)")) {
            statement.setLong(1, lockKey);
            statement.execute();
            holdsLock = true;
            lockStateKnown = true;
            return true;
          } catch (SQLException e) {
            if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
              lockStateKnown = true;
              return false;
            }
            throw e;
          } finally {
            if (!closed) {
              setLockTimeout(Duration.ZERO);
            }
          }
        });
  }

  /** Whether this session still holds the lock, as {@code pg_locks} shows it. Read-only. */
  boolean provesLock() throws SQLException {
    return exclusively(
        () -> {
          try (PreparedStatement statement = prepare(HOLDS_LOCK)) {
            statement.setLong(1, lockKey);
            return singleBoolean(statement);
          }
        });
  }

  /** {@code pg_advisory_unlock}; true when the lock was held and is now given back. */
  boolean unlock() throws SQLException {
    return exclusively(
        () -> {
          try (PreparedStatement statement = prepare("select pg_advisory_unlock(?)")) {
            statement.setLong(1, lockKey);
            boolean released = singleBoolean(statement);
            holdsLock = false;
            lockStateKnown = true;
            return released;
          }
        });
  }

  /**
   * The leadership row of the lock key, as this session sees it, and whether its holder named every
   * session after itself.
   */
  record PreviousHolder(LeadershipRecord record, boolean sessionsNamed) {}

  /** The leadership row of the lock key, as this session sees it. */
  Optional<PreviousHolder> readLeadership() throws SQLException {
    return exclusively(
        () -> {
          try (PreparedStatement statement =
              prepare(
                  "select term, holder_instance_id, holder_pid, acquired_at, released_at,"
                      + " released_cleanly, holder_sessions_named"
                      + " from <schema>.baton_leadership where lock_key = ?")) {
            statement.setLong(1, lockKey);
            try (ResultSet rows = statement.executeQuery()) {
              return rows.next()
                  ? Optional.of(
                      new PreviousHolder(
                          LeadershipRows.record(rows), rows.getBoolean("holder_sessions_named")))
                  : Optional.empty();
            }
          }
        });
  }

  /**
   * Increments the term for {@code instanceId}, right after the lock was granted. The row may be
   * held FOR SHARE by a vanished leader's orphaned fenced transaction until the server ends it, so
   * the update waits under a short lock_timeout and tries again.
   */
  TermGrant takeNextTerm(String instanceId) throws SQLException {
    int attempts = 0;
    while (true) {
      attempts++;
      try {
        return exclusively(() -> upsertNextTerm(instanceId));
      } catch (SQLException e) {
        if (!LOCK_NOT_AVAILABLE.equals(e.getSQLState()) || attempts >= TERM_ATTEMPTS) {
          throw e;
        }
        log.warn(
            "Taking a new term waits for a transaction holding the term row (attempt {})",
            attempts);
      }
    }
  }

  /** The fencing row and the history in one statement: {@link TermStatements#TAKE_NEXT_TERM}. */
  private TermGrant upsertNextTerm(String instanceId) throws SQLException {
    setLockTimeout(TERM_ATTEMPT_TIMEOUT);
    try (PreparedStatement upsert = prepare(TermStatements.TAKE_NEXT_TERM)) {
      upsert.setLong(1, lockKey);
      upsert.setString(2, instanceId);
      upsert.setBoolean(3, namesEverySession);
      upsert.setLong(4, lockKey);
      upsert.setInt(5, LeadershipHistoryPort.RETAINED_TERMS);
      upsert.setLong(6, lockKey);
      upsert.setString(7, instanceId);
      upsert.setLong(8, lockKey);
      upsert.setInt(9, LeadershipHistoryPort.RETAINED_TERMS);
      try (ResultSet rows = upsert.executeQuery()) {
        rows.next();
        return new TermGrant(rows.getLong(1), rows.getTimestamp(2).toInstant());
      }
    } finally {
      setLockTimeout(Duration.ZERO);
    }
  }

  /**
   * How many sessions {@code instanceId} has open on this database, its old lock backend {@code
   * exceptPid} aside. pg_stat_activity shows the whole server's sessions; those of another database
   * belong to another cluster, whatever their name.
   */
  int sessionsOf(String instanceId, long exceptPid) throws SQLException {
    return exclusively(
        () -> {
          try (PreparedStatement statement =
              prepare(
                  "select count(*) from pg_stat_activity where application_name = ?"
                      + " and datname = current_database() and pid <> ?")) {
            statement.setString(1, instanceId);
            statement.setLong(2, exceptPid);
            try (ResultSet rows = statement.executeQuery()) {
              rows.next();
              return rows.getInt(1);
            }
          }
        });
  }

  /**
   * Marks {@code term} released cleanly, and ended for {@code how} in the history (one statement,
   * committed at once: autocommit), then notifies waiting followers; gives up after {@code maxWait}
   * when the session or the row is stuck.
   */
  void markReleased(long term, String instanceId, TermEndReason how, Duration maxWait)
      throws SQLException {
    exclusivelyWithin(
        maxWait,
        () -> {
          setLockTimeout(maxWait);
          try (PreparedStatement mark = prepare(TermStatements.MARK_RELEASED)) {
            mark.setLong(1, lockKey);
            mark.setLong(2, term);
            mark.setString(3, instanceId);
            mark.setString(4, how.wireName());
            mark.setLong(5, lockKey);
            mark.setLong(6, term);
            mark.executeUpdate();
          }
          try (PreparedStatement notify = prepare("select pg_notify(?, ?)")) {
            notify.setString(1, RELEASE_CHANNEL);
            notify.setString(2, lockKey + ":" + term);
            notify.execute();
          }
          return null;
        });
  }

  /**
   * The backends that answer {@code times} queries on this one connection: more than one means a
   * transaction-mode pooler sits in between, where session locks do not hold.
   */
  Set<Integer> backendsAnswering(int times) throws SQLException {
    Set<Integer> backends = new HashSet<>();
    for (int i = 0; i < times; i++) {
      backends.add(
          exclusively(
              () -> {
                try (PreparedStatement statement = prepare("select pg_backend_pid()");
                    ResultSet rows = statement.executeQuery()) {
                  rows.next();
                  return rows.getInt(1);
                }
              }));
    }
    return backends;
  }

  /** A session holding the lock key that no Baton instance's leadership row names. */
  record ForeignHolder(int pid, String applicationName) {}

  /**
   * The sessions that hold the lock key without being a Baton instance; empty too when the
   * leadership table does not exist yet (a fresh database: nothing to compare).
   */
  List<ForeignHolder> foreignHolders() throws SQLException {
    return exclusively(
        () -> {
          List<ForeignHolder> holders = new ArrayList<>();
          try (PreparedStatement statement =
              prepare(
                  "select a.pid, coalesce(a.application_name, ''),"
                      + " exists (select 1 from <schema>.baton_leadership s"
                      + "   where s.lock_key = ? and s.holder_instance_id = a.application_name)"
                      + " from pg_locks l join pg_stat_activity a on a.pid = l.pid"
                      + " where l.locktype = 'advisory' and l.objsubid = 1 and l.granted"
                      + " and l.database = (select oid from pg_database"
                      + " where datname = current_database())"
                      + " and ((l.classid::bigint << 32) | l.objid::bigint) = ?")) {
            statement.setLong(1, lockKey);
            statement.setLong(2, lockKey);
            try (ResultSet rows = statement.executeQuery()) {
              while (rows.next()) {
                if (!rows.getBoolean(3)) {
                  holders.add(new ForeignHolder(rows.getInt(1), rows.getString(2)));
                }
              }
            }
          } catch (SQLException e) {
            if (!UNDEFINED_TABLE.equals(e.getSQLState())) {
              throw e;
            }
          }
          return holders;
        });
  }

  /** A statement on Baton's tables, named in Baton's schema. */
  private PreparedStatement prepare(String sql) throws SQLException {
    return connection.prepareStatement(sql.replace("<schema>", schema));
  }

  /** Runs {@code work} as the only user of the connection. */
  private <T> T exclusively(SqlWork<T> work) throws SQLException {
    inUse.lock();
    return whileHeld(work);
  }

  /** Like {@link #exclusively} but gives up after {@code wait} when a statement hangs. */
  private <T> T exclusivelyWithin(Duration wait, SqlWork<T> work) throws SQLException {
    boolean acquired;
    try {
      acquired = inUse.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      acquired = false;
    }
    if (!acquired) {
      throw new SQLException("lock session busy for more than " + wait.toMillis() + " ms", "57014");
    }
    return whileHeld(work);
  }

  /** Runs {@code work} on the open connection, then lets the next user in. */
  private <T> T whileHeld(SqlWork<T> work) throws SQLException {
    try {
      if (closed) {
        throw new SQLException("lock session closed", "08003");
      }
      return work.run();
    } finally {
      inUse.unlock();
    }
  }

  private void setLockTimeout(Duration timeout) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("set lock_timeout = " + timeout.toMillis());
    }
  }

  /** Cancels the statement in flight, from another thread. */
  void cancelStatement() {
    try {
      connection.unwrap(PGConnection.class).cancelQuery();
    } catch (SQLException e) {
      log.debug("Cancelling the lock session's statement failed", e);
    }
  }

  /**
   * Ends the session; the server then drops the lock if it still held it. Never waits for a
   * statement in flight: a hung one is aborted, and so is a connection that may still hold the
   * lock, so that no pool can hand it to anyone.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    boolean mayHoldLock = holdsLock || !lockStateKnown;
    holdsLock = false;
    boolean idle = inUse.tryLock();
    try {
      connections.giveBack(connection, !idle, mayHoldLock);
    } finally {
      if (idle) {
        inUse.unlock();
      }
    }
  }

  boolean isClosed() {
    return closed;
  }

  private static boolean singleBoolean(PreparedStatement statement) throws SQLException {
    try (ResultSet rows = statement.executeQuery()) {
      rows.next();
      return rows.getBoolean(1);
    }
  }

  private void requireNotHolding() {
    if (holdsLock) {
      throw new IllegalStateException("this session already holds the lock; it never locks twice");
    }
  }

  @FunctionalInterface
  interface SqlWork<T> {
    T run() throws SQLException;
  }
}
