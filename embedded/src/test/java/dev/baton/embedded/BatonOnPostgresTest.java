package dev.baton.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.baton.domain.FencedOutException;
import dev.baton.tcpproxy.TcpProxy;
import dev.baton.testsupport.postgres.TestPostgres;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The library on a real PostgreSQL: two service instances, one leader, fenced host writes. */
class BatonOnPostgresTest {
  @RegisterExtension static final TestPostgres postgres = new TestPostgres();

  private static final Duration WAIT = Duration.ofSeconds(30);

  private final List<Baton> started = new ArrayList<>();

  @BeforeEach
  void emptyTables() throws SQLException {
    try (Connection connection = postgres.openConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("drop schema if exists baton cascade");
      statement.execute("drop table if exists public.sent");
      statement.execute("create table public.sent (instance text, term bigint, slot timestamptz)");
    }
  }

  @AfterEach
  void closeAll() {
    started.forEach(Baton::close);
  }

  private Baton start(Baton.Builder builder) {
    Baton baton = builder.start();
    started.add(baton);
    return baton;
  }

  private Baton.Builder recordingSlots(String jdbcUrl) {
    return Baton.builder()
        .postgres(jdbcUrl)
        .instanceId("shop")
        .job(
            "send",
            Schedule.every(Duration.ofMillis(300)),
            run ->
                run.inFencedTransaction(
                    connection -> {
                      try (PreparedStatement insert =
                          connection.prepareStatement("insert into public.sent values (?, ?, ?)")) {
                        insert.setString(1, run.instanceId());
                        insert.setLong(2, run.term());
                        insert.setObject(3, run.scheduledAt().atOffset(java.time.ZoneOffset.UTC));
                        return insert.executeUpdate();
                      }
                    }));
  }

  private long query(String sql) throws SQLException {
    try (Connection connection = postgres.openConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  @Test
  void oneOfTwoInstancesRunsTheJobAndTheOtherTakesOverTheCadenceWhenItCloses() throws Exception {
    Baton first = start(recordingSlots(postgres.jdbcUrl()));
    Baton second = start(recordingSlots(postgres.jdbcUrl()));
    await().atMost(WAIT).until(() -> first.isLeader() || second.isLeader());
    Baton leader = first.isLeader() ? first : second;
    Baton follower = leader == first ? second : first;
    await().atMost(WAIT).until(() -> query("select count(*) from public.sent") >= 3);
    assertThat(follower.isLeader()).isFalse();
    assertThat(query("select count(distinct instance) from public.sent")).isEqualTo(1);

    leader.close();
    await().atMost(WAIT).until(follower::isLeader);
    await()
        .atMost(WAIT)
        .until(
            () ->
                query(
                        "select count(*) from public.sent where instance = '"
                            + follower.instanceId()
                            + "'")
                    >= 3);

    assertThat(query("select count(*) - count(distinct slot) from public.sent"))
        .as("no slot ran twice")
        .isZero();
    assertThat(query("select count(distinct term) from public.sent")).isEqualTo(2);
    assertThat(follower.instanceId()).startsWith("shop-").isNotEqualTo(leader.instanceId());
    assertThat(
            query("select count(*) from information_schema.tables where table_schema = 'public'"))
        .as("Baton's tables stay in schema baton")
        .isEqualTo(1);
  }

  @Test
  void aRunThatGoesOnAfterItsLeaderLostTheLockIsFencedOutAndWritesNothing() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch replaced = new CountDownLatch(1);
    CompletableFuture<Throwable> lateWrite = new CompletableFuture<>();
    AtomicLong runTerm = new AtomicLong();
    Baton stale =
        start(
            Baton.builder()
                .postgres(postgres.jdbcUrl())
                .instanceId("stale")
                .job(
                    "slow",
                    Schedule.every(Duration.ofHours(1)),
                    run -> {
                      runTerm.set(run.term());
                      running.countDown();
                      // A task that ignores the interrupt, as careless code does.
                      while (!replaced.await(100, TimeUnit.MILLISECONDS)) {
                        Thread.interrupted();
                      }
                      Thread.interrupted();
                      try {
                        run.inFencedTransaction(
                            connection ->
                                connection
                                    .createStatement()
                                    .executeUpdate(
                                        "insert into public.sent values ('stale', 0, now())"));
                        lateWrite.complete(null);
                      } catch (Throwable e) {
                        lateWrite.complete(e);
                        throw e;
                      }
                    }));
    assertThat(running.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    Baton successor = start(recordingSlots(postgres.jdbcUrl()));

    try (Connection admin = postgres.openAdminConnection();
        Statement kill = admin.createStatement()) {
      kill.executeQuery(
              "select pg_terminate_backend(pid) from pg_locks"
                  + " where locktype = 'advisory' and granted and database ="
                  + " (select oid from pg_database where datname = '"
                  + postgres.databaseName()
                  + "')")
          .close();
    }
    // Either instance may win the freed lock: any new term makes the run's term stale.
    await()
        .atMost(WAIT)
        .until(() -> query("select term from baton.baton_leadership") > runTerm.get());
    replaced.countDown();

    assertThat(lateWrite.get(WAIT.toSeconds(), TimeUnit.SECONDS))
        .isInstanceOf(FencedOutException.class);
    assertThat(query("select count(*) from public.sent where instance = 'stale'")).isZero();
  }

  @Test
  void onTheApplicationsOwnPoolTheJobsRunAndEveryConnectionGoesBackOnClose() throws Exception {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(postgres.jdbcUrl());
    config.setMaximumPoolSize(4);
    config.setMinimumIdle(0);
    try (HikariDataSource pool = new HikariDataSource(config)) {
      Baton leader = start(recordingSlots(postgres.jdbcUrl()).postgres(pool));
      await().atMost(WAIT).until(leader::isLeader);
      await().atMost(WAIT).until(() -> query("select count(*) from public.sent") >= 3);
      assertThat(
              query(
                  "select count(*) from pg_stat_activity where application_name = '"
                      + leader.instanceId()
                      + "'"))
          .as("only the borrowed lock session and listener carry the instance's name")
          .isBetween(1L, 2L);

      leader.close();

      await().atMost(WAIT).until(() -> pool.getHikariPoolMXBean().getActiveConnections() == 0);
      assertThat(
              query(
                  "select count(*) from pg_stat_activity where application_name = '"
                      + leader.instanceId()
                      + "'"))
          .isZero();
    }
  }

  @Test
  void startThrowsAtOnceWhenTheDatabaseDoesNotExist() {
    String url = postgres.jdbcUrl().replace("/" + postgres.databaseName(), "/no_such_database");

    assertThatThrownBy(() -> recordingSlots(url).start())
        .isInstanceOf(BatonStartException.class)
        .hasMessageContaining("no_such_database");
  }

  @Test
  void startReturnsWhileTheDatabaseIsUnreachableAndLeadsOnceItAnswers() throws Exception {
    URI server = URI.create(postgres.jdbcUrl().substring("jdbc:".length()));
    try (TcpProxy proxy = TcpProxy.start(server.getHost(), server.getPort())) {
      proxy.refuseNewConnections(true);
      String url =
          postgres
              .jdbcUrl()
              .replace(
                  server.getHost() + ":" + server.getPort(), proxy.host() + ":" + proxy.port());

      Baton baton = start(recordingSlots(url));
      assertThat(baton.isLeader()).isFalse();

      proxy.refuseNewConnections(false);
      await().atMost(WAIT).until(baton::isLeader);
      await().atMost(WAIT).until(() -> query("select count(*) from public.sent") >= 1);
    }
  }
}
