package dev.baton.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.baton.domain.LeaseLostException;
import dev.baton.domain.LossReason;
import dev.baton.domain.port.LeaderLease;
import dev.baton.testsupport.postgres.PostgresServer;
import dev.baton.testsupport.postgres.TestDatabase;
import dev.baton.testsupport.postgres.TestPostgres;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

class PostgresAdvisoryLockLeadershipTest {
  @RegisterExtension static final TestPostgres postgres = new TestPostgres();
  private static final Duration GENEROUS = Duration.ofSeconds(20);

  @RegisterExtension final PostgresElectors electors = new PostgresElectors(postgres);
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @BeforeAll
  static void migrate() {
    PostgresElectors.migrate(postgres);
  }

  @AfterEach
  void closeEverything() {
    threads.shutdownNow();
  }

  private static void terminate(int backendPid) throws SQLException {
    try (Connection admin = postgres.openAdminConnection();
        PreparedStatement kill = admin.prepareStatement("select pg_terminate_backend(?)")) {
      kill.setInt(1, backendPid);
      kill.execute();
    }
  }

  /** Opens one pool connection, as a running instance always has. */
  private static PostgresDatabase withLivePool(PostgresDatabase database) {
    database.jdbi().useHandle(handle -> handle.execute("select 1"));
    return database;
  }

  @Test
  void electorsContendingAtOnceGrantExactlyOneLeader() throws Exception {
    List<Future<Optional<LeaderLease>>> attempts = new ArrayList<>();
    CountDownLatch go = new CountDownLatch(1);
    for (int i = 0; i < 5; i++) {
      PostgresAdvisoryLockLeadership elector = electors.leadership("baton-elector-" + i);
      attempts.add(
          threads.submit(
              () -> {
                go.await();
                return elector.tryAcquire();
              }));
    }

    go.countDown();
    int leaders = 0;
    for (Future<Optional<LeaderLease>> attempt : attempts) {
      leaders += attempt.get(GENEROUS.toMillis(), TimeUnit.MILLISECONDS).isPresent() ? 1 : 0;
    }

    assertThat(leaders).isEqualTo(1);
  }

  @Test
  void aFollowerThatStopsLeavesTheLeaderAlone() throws Exception {
    LeaderLease lease = electors.leadership("baton-a").tryAcquire().orElseThrow();
    PostgresAdvisoryLockLeadership follower = electors.leadership("baton-b");
    assertThat(follower.awaitAcquire(Duration.ofMillis(200))).isEmpty();

    follower.close();

    lease.verifyHeld();
  }

  @Test
  void aKilledLockSessionFailsTheCheckAndTheSuccessorWaitsTheGrace() throws Exception {
    PostgresDatabase databaseA = withLivePool(electors.database("baton-a"));
    PostgresLeaderLease lease =
        (PostgresLeaderLease) electors.leadership(databaseA).tryAcquire().orElseThrow();
    Future<Optional<LeaderLease>> successor =
        threads.submit(() -> electors.leadership("baton-b").awaitAcquire(GENEROUS));

    terminate(lease.lockSessionPid());

    LeaderLease next = successor.get(GENEROUS.toMillis(), TimeUnit.MILLISECONDS).orElseThrow();
    assertThat(next.term()).isEqualTo(lease.term() + 1);
    assertThat(next.jobsStartAt()).isEqualTo(next.acquiredAt().plus(PostgresElectors.GRACE));
    await()
        .atMost(GENEROUS)
        .untilAsserted(
            () ->
                assertThatThrownBy(lease::verifyHeld)
                    .isInstanceOfSatisfying(
                        LeaseLostException.class,
                        e -> assertThat(e.reason()).isEqualTo(LossReason.SESSION_LOST)));
  }

  @Test
  void theSameInstanceLeadingAgainStartsItsJobsAtOnce() throws Exception {
    PostgresAdvisoryLockLeadership elector =
        electors.leadership(withLivePool(electors.database("baton-a")));
    PostgresLeaderLease first = (PostgresLeaderLease) elector.tryAcquire().orElseThrow();

    terminate(first.lockSessionPid());
    LeaderLease again = elector.awaitAcquire(GENEROUS).orElseThrow();

    assertThat(again.term()).isEqualTo(first.term() + 1);
    assertThat(again.jobsStartAt()).isEqualTo(again.acquiredAt());
  }

  @Test
  void aKilledLeaderProcessIsSucceededWithoutTheGrace() throws Exception {
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                LeaderProcessMain.class.getName(),
                postgres.jdbcUrl(),
                String.valueOf(electors.lockKey()),
                "baton-child")
            .redirectErrorStream(true)
            .start();
    try {
      BufferedReader output =
          new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      Future<String> leading =
          threads.submit(
              () -> {
                String line;
                while ((line = output.readLine()) != null) {
                  if (line.startsWith("LEADER")) {
                    return line;
                  }
                }
                return "exited";
              });
      assertThat(leading.get(GENEROUS.toMillis(), TimeUnit.MILLISECONDS)).startsWith("LEADER");
      Future<Optional<LeaderLease>> successor =
          threads.submit(() -> electors.leadership("baton-b").awaitAcquire(GENEROUS));

      child.destroyForcibly();

      LeaderLease next = successor.get(GENEROUS.toMillis(), TimeUnit.MILLISECONDS).orElseThrow();
      assertThat(next.jobsStartAt()).isEqualTo(next.acquiredAt());
    } finally {
      child.destroyForcibly();
      child.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aCleanReleaseWakesTheFollowersThatListen() throws Exception {
    CountDownLatch notified = new CountDownLatch(1);
    PostgresAdvisoryLockLeadership follower = electors.leadership("baton-b");
    follower.onCleanRelease(notified::countDown);
    LeaderLease lease = electors.leadership("baton-a").tryAcquire().orElseThrow();
    // The listener connects in the background; a release before it listens would go unheard.
    await()
        .atMost(GENEROUS)
        .until(
            () ->
                postgres
                    .dataSource()
                    .getConnection()
                    .createStatement()
                    .executeQuery(
                        "select count(*) from pg_stat_activity where application_name = 'baton-b'"
                            + " and query like 'listen%'")
                    .next());

    lease.release();

    assertThat(notified.await(GENEROUS.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
  }

  @Test
  void aLockKeyHeldByAnotherApplicationIsWarnedAbout() throws Exception {
    Logger checks = (Logger) LoggerFactory.getLogger(StartupChecks.class);
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    checks.addAppender(logged);
    try (Connection stranger = postgres.openConnection();
        PreparedStatement lock = stranger.prepareStatement("select pg_advisory_lock(?)")) {
      stranger.setClientInfo("ApplicationName", "psql");
      lock.setLong(1, electors.lockKey());
      lock.execute();

      assertThat(electors.leadership("baton-a").tryAcquire()).isEmpty();
    } finally {
      checks.detachAppender(logged);
    }

    assertThat(logged.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .anySatisfy(message -> assertThat(message).contains("psql", "not a Baton instance"));
  }

  @Test
  void theSameKeyInAnotherDatabaseIsAnotherLock() throws Exception {
    try (TestDatabase other = PostgresServer.shared().createDatabase();
        Connection elsewhere = other.openConnection();
        PreparedStatement lock = elsewhere.prepareStatement("select pg_advisory_lock(?)")) {
      lock.setLong(1, electors.lockKey());
      lock.execute();

      PostgresDatabase database = electors.database("baton-a");
      // Held in a variable: pgjdbc closes a connection that becomes unreachable.
      LeaderLease lease = electors.leadership(database).tryAcquire().orElseThrow();
      assertThat(new PostgresLockInspection(database).sessions())
          .singleElement()
          .satisfies(
              session -> {
                assertThat(session.applicationName()).isEqualTo("baton-a");
                assertThat(session.granted()).isTrue();
              });
      lease.verifyHeld();
    }
  }

  @Test
  void aLockSessionNeverLocksTwice() throws Exception {
    try (LockSession session = electors.database("baton-a").openLockSession()) {
      assertThat(session.tryLock()).isTrue();

      assertThatThrownBy(session::tryLock).isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> session.lockWithin(Duration.ofMillis(10)))
          .isInstanceOf(IllegalStateException.class);
      assertThat(session.provesLock()).isTrue();
    }
  }

  @Test
  void everyConnectionCarriesTheInstanceIdAndTheLockSessionItsKeepalives() throws Exception {
    PostgresDatabase database = withLivePool(electors.database("baton-a"));
    electors.leadership(database).tryAcquire().orElseThrow();

    try (Connection admin = postgres.openAdminConnection()) {
      var rows =
          admin
              .createStatement()
              .executeQuery(
                  "select count(*) from pg_stat_activity where application_name = 'baton-a'");
      rows.next();
      assertThat(rows.getInt(1)).isGreaterThanOrEqualTo(2);
    }
    try (Connection lockConnection = database.lockConnections().open()) {
      var settings =
          lockConnection
              .createStatement()
              .executeQuery(
                  "select current_setting('tcp_keepalives_idle'),"
                      + " current_setting('tcp_user_timeout'),"
                      + " current_setting('client_connection_check_interval'),"
                      + " current_setting('application_name')");
      settings.next();
      assertThat(settings.getString(1)).isEqualTo("5");
      assertThat(settings.getString(2)).isEqualTo("9000");
      assertThat(settings.getString(3)).isEqualTo("1s");
      assertThat(settings.getString(4)).isEqualTo("baton-a");
    }
    String idleTimeout =
        database
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery("select current_setting('idle_in_transaction_session_timeout')")
                        .mapTo(String.class)
                        .one());
    assertThat(idleTimeout).isEqualTo("5s");
  }
}
