package dev.baton.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.baton.domain.SchedulerRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library on one SQLite file, as a single-node service would use it. */
class BatonOnSqliteTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path directory;

  /** The host's own statement on the file, beside Baton. */
  private static void execute(Path file, String sql) throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private long count(Path file, String table) throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("select count(*) from " + table)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  @Test
  void anIntervalJobRunsAtOnceAndItsFencedWritesCommitInTheHostsOwnTable() throws Exception {
    Path file = directory.resolve("app.db");
    execute(file, "create table invoice_sent (run_id integer primary key)");

    try (Baton baton =
        Baton.builder()
            .sqlite(file)
            .job(
                "send-invoices",
                Schedule.every(Duration.ofMillis(200)),
                run ->
                    run.inFencedTransaction(
                        connection -> {
                          try (var insert =
                              connection.prepareStatement(
                                  "insert into invoice_sent (run_id) values (?)")) {
                            insert.setLong(1, run.runId());
                            return insert.executeUpdate();
                          }
                        }))
            .start()) {
      await().atMost(WAIT).until(baton::isLeader);
      await().atMost(WAIT).until(() -> count(file, "invoice_sent") >= 3);
      assertThat(baton.instanceId()).matches("baton-[0-9a-f]{12}");
    }

    assertThat(count(file, "baton_job_run")).isGreaterThanOrEqualTo(count(file, "invoice_sent"));
  }

  @Test
  void aFencedWriteThatThrowsRollsBackAndTheRunFails() throws Exception {
    Path file = directory.resolve("app.db");
    execute(file, "create table attempt (n integer)");
    CountDownLatch failed = new CountDownLatch(1);

    try (Baton baton =
        Baton.builder()
            .sqlite(file)
            .job(
                "half-done",
                Schedule.every(Duration.ofHours(1)),
                run -> {
                  try {
                    run.inFencedTransaction(
                        connection -> {
                          connection.createStatement().execute("insert into attempt values (1)");
                          throw new IllegalStateException("the second half failed");
                        });
                  } finally {
                    failed.countDown();
                  }
                })
            .start()) {
      assertThat(failed.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }

    assertThat(count(file, "attempt")).isZero();
  }

  @Test
  void aPausedJobRunsOnlyWhenAskedForAndResumeLetsItGoOn() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    Path file = directory.resolve("app.db");
    try (Baton first =
        Baton.builder()
            .sqlite(file)
            .job(
                "count",
                Schedule.cron("0 0 1 1 *", ZoneId.of("UTC")),
                run -> runs.incrementAndGet())
            .start()) {
      await().atMost(WAIT).until(first::isLeader);
      first.pause("count");
      first.runNow("count");
      await().atMost(WAIT).until(() -> runs.get() == 1);
      assertThatThrownBy(() -> first.pause("nope")).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(count(file, "baton_scheduled_job where paused = 1")).isEqualTo(1);
  }

  @Test
  void closeReleasesTheLeadershipAndStops() {
    Baton baton =
        Baton.builder()
            .sqlite(directory.resolve("app.db"))
            .job("noop", Schedule.every(Duration.ofMinutes(1)), run -> {})
            .start();
    await().atMost(WAIT).until(baton::isLeader);

    baton.close();
    baton.close();

    assertThat(baton.role()).isEqualTo(SchedulerRole.STOPPED);
  }

  @Test
  void buildTouchesNothingAndABuiltBatonWaitsForStart() {
    Path file = directory.resolve("not-yet").resolve("app.db");
    Baton baton =
        Baton.builder()
            .sqlite(file)
            .job("noop", Schedule.every(Duration.ofMinutes(1)), run -> {})
            .build();

    assertThat(file.getParent()).doesNotExist();
    assertThat(baton.role()).isEqualTo(SchedulerRole.STOPPED);
    assertThatThrownBy(() -> baton.runNow("noop"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not running");

    try (baton) {
      baton.start();
      assertThatThrownBy(baton::start).isInstanceOf(IllegalStateException.class);
      await().atMost(WAIT).until(baton::isLeader);
    }
    assertThatThrownBy(baton::start).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void startThrowsAtOnceWhenTheFileCannotBeCreated() throws Exception {
    Path notADirectory = Files.createFile(directory.resolve("plain-file"));

    assertThatThrownBy(
            () ->
                Baton.builder()
                    .sqlite(notADirectory.resolve("app.db"))
                    .job("noop", Schedule.every(Duration.ofMinutes(1)), run -> {})
                    .start())
        .isInstanceOf(BatonStartException.class)
        .hasMessageContaining("plain-file");
  }

  @Test
  void buildAsksForADatabaseAndAJob() {
    assertThatThrownBy(() -> Baton.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("postgres(jdbcUrl), postgres(dataSource) or sqlite(path)");
    assertThatThrownBy(() -> Baton.builder().sqlite(directory.resolve("x.db")).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("job(");
    assertThatThrownBy(
            () ->
                Baton.builder()
                    .job("a", Schedule.every(Duration.ofMinutes(1)), run -> {})
                    .job("a", Schedule.every(Duration.ofMinutes(1)), run -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("two jobs named a");
    assertThatThrownBy(
            () ->
                Baton.builder()
                    .job("a", Schedule.every(Duration.ofMinutes(1)), Duration.ZERO, run -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("timeout of a must be positive");
    assertThatThrownBy(() -> Schedule.cron("61 * * * *", ZoneId.of("UTC")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("minute");
  }
}
