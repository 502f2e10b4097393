package dev.baton.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.baton.domain.InstanceId;
import dev.baton.domain.port.LeaderLease;
import dev.baton.testsupport.postgres.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Baton on an application's own pool: its lock session is a borrowed connection that goes back
 * reset and without the lock, or not at all; a new leader after such a holder's unclean end waits
 * the grace.
 */
class PostgresHostPoolTest {
  @RegisterExtension static final TestPostgres postgres = new TestPostgres();

  private static final Duration WAIT = Duration.ofSeconds(20);

  private PostgresElectors electors;
  private HikariDataSource hostPool;

  @BeforeEach
  void openHostPool() {
    electors = new PostgresElectors(postgres);
    HikariConfig config = new HikariConfig();
    config.setPoolName("application-pool");
    config.setJdbcUrl(postgres.jdbcUrl());
    config.setMaximumPoolSize(4);
    config.setMinimumIdle(0);
    hostPool = new HikariDataSource(config);
  }

  @AfterEach
  void closeAll() {
    electors.close();
    hostPool.close();
  }

  private PostgresDatabase onHostPool(String instanceId) {
    PostgresDatabase database =
        electors.database(
            new PostgresSettings(
                new PostgresConnections.HostPool(hostPool),
                new InstanceId(instanceId),
                electors.lockKey(),
                PostgresElectors.GRACE,
                Duration.ofSeconds(10),
                PostgresSettings.DEFAULT_SCHEMA));
    database.migrate();
    return database;
  }

  private static long count(String sql, Object... parameters) throws SQLException {
    try (Connection admin = postgres.openAdminConnection();
        PreparedStatement statement = admin.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  private static long sessionsNamed(String applicationName) throws SQLException {
    return count(
        "select count(*) from pg_stat_activity where application_name = ? and datname = ?",
        applicationName,
        postgres.databaseName());
  }

  private static long advisoryLocksHeld() throws SQLException {
    return count(
        "select count(*) from pg_locks l join pg_database d on d.oid = l.database"
            + " where l.locktype = 'advisory' and l.granted and d.datname = ?",
        postgres.databaseName());
  }

  @Test
  void theLockSessionIsABorrowedConnectionThatGoesBackResetAfterACleanRelease() throws Exception {
    PostgresAdvisoryLockLeadership leadership = electors.leadership(onHostPool("host-a"));

    LeaderLease lease = leadership.tryAcquire().orElseThrow();

    assertThat(sessionsNamed("host-a")).as("the lock session, named by SET").isEqualTo(1);
    assertThat(hostPool.getHikariPoolMXBean().getActiveConnections()).isGreaterThanOrEqualTo(1);
    assertThat(advisoryLocksHeld()).isEqualTo(1);

    lease.release();
    leadership.close();

    await().atMost(WAIT).until(() -> hostPool.getHikariPoolMXBean().getActiveConnections() == 0);
    assertThat(sessionsNamed("host-a")).as("names reset before going back").isZero();
    assertThat(advisoryLocksHeld()).isZero();
    try (Connection borrowed = hostPool.getConnection();
        Statement statement = borrowed.createStatement();
        ResultSet rows = statement.executeQuery("show tcp_keepalives_idle")) {
      rows.next();
      assertThat(rows.getString(1)).as("settings reset before going back").isNotEqualTo("5");
    }
  }

  @Test
  void aLockSessionThatMayStillHoldTheLockIsEndedNotHandedToTheApplication() throws Exception {
    PostgresAdvisoryLockLeadership leadership = electors.leadership(onHostPool("host-a"));
    LeaderLease lease = leadership.tryAcquire().orElseThrow();
    long lockBackend =
        count(
            "select pid from pg_locks l join pg_database d on d.oid = l.database"
                + " where l.locktype = 'advisory' and l.granted and d.datname = ?",
            postgres.databaseName());

    lease.abandon();

    await().atMost(WAIT).until(() -> advisoryLocksHeld() == 0);
    assertThat(count("select count(*) from pg_stat_activity where pid = ?", (int) lockBackend))
        .as("the lock session's backend ended")
        .isZero();
    for (int i = 0; i < 4; i++) {
      try (Connection borrowed = hostPool.getConnection();
          Statement statement = borrowed.createStatement();
          ResultSet rows = statement.executeQuery("select pg_backend_pid()")) {
        rows.next();
        assertThat(rows.getLong(1)).isNotEqualTo(lockBackend);
      }
    }
  }

  @Test
  void aNewLeaderWaitsTheGraceAfterAnUncleanEndOfAHolderOnAnApplicationsPool() throws Exception {
    PostgresAdvisoryLockLeadership holder = electors.leadership(onHostPool("host-a"));
    holder.tryAcquire().orElseThrow();
    PostgresAdvisoryLockLeadership successor = electors.leadership("baton-b");

    count(
        "select count(pg_terminate_backend(pid)) from pg_stat_activity where application_name = ?",
        "host-a");
    LeaderLease lease = successor.awaitAcquire(WAIT).orElseThrow();

    assertThat(Duration.between(lease.acquiredAt(), lease.jobsStartAt()))
        .isEqualTo(PostgresElectors.GRACE);
  }

  @Test
  void aHolderOnItsOwnPoolKilledTheSameWayIsTakenOverAtOnce() throws Exception {
    PostgresDatabase holderDatabase = electors.database("baton-a");
    PostgresAdvisoryLockLeadership holder = electors.leadership(holderDatabase);
    holder.tryAcquire().orElseThrow();
    PostgresAdvisoryLockLeadership successor = electors.leadership("baton-b");

    // A killed process's pool opens no new session: closed here, or it would reconnect at once,
    // and a holder with a live session is rightly waited for.
    holderDatabase.close();
    count(
        "select count(pg_terminate_backend(pid)) from pg_stat_activity where application_name = ?",
        "baton-a");
    LeaderLease lease = successor.awaitAcquire(WAIT).orElseThrow();

    assertThat(lease.jobsStartAt()).isEqualTo(lease.acquiredAt());
  }
}
