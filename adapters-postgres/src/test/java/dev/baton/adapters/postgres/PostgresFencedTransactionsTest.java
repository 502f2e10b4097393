package dev.baton.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.domain.FencedOutException;
import dev.baton.domain.port.LeaderLease;
import dev.baton.persistence.FencedTransactions;
import dev.baton.testsupport.postgres.TestPostgres;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresFencedTransactionsTest {
  @RegisterExtension static final TestPostgres postgres = new TestPostgres();
  private static final Duration GENEROUS = Duration.ofSeconds(20);

  @RegisterExtension final PostgresElectors electors = new PostgresElectors(postgres);
  private PostgresDatabase database;
  private FencedTransactions fenced;
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @BeforeAll
  static void migrate() {
    try (PostgresElectors setup = new PostgresElectors(postgres)) {
      PostgresDatabase database = setup.database("baton-migrate");
      database.migrate();
      database.jdbi().useHandle(h -> h.execute("create table fenced_probe (note text)"));
    }
  }

  @BeforeEach
  void setUp() {
    database = electors.database("baton-a");
    fenced = new PostgresFencedTransactions(database);
    database.jdbi().useHandle(h -> h.execute("truncate fenced_probe"));
  }

  @AfterEach
  void tearDown() {
    threads.shutdownNow();
  }

  private void write(long term, String note) {
    fenced.inFencedTransaction(
        term,
        "writing " + note,
        handle -> handle.execute("insert into fenced_probe values (?)", note));
  }

  private long notes() {
    return database
        .jdbi()
        .withHandle(
            h -> h.createQuery("select count(*) from fenced_probe").mapTo(Long.class).one());
  }

  @Test
  void aWriteUnderTheCurrentTermLands() {
    LeaderLease lease = electors.leadership(database).tryAcquire().orElseThrow();

    write(lease.term(), "current");

    assertThat(notes()).isEqualTo(1);
  }

  @Test
  void aStatementThatHoldsTheTermRowTooLongIsCancelledAndItsWritesRolledBack() {
    LeaderLease lease = electors.leadership(database).tryAcquire().orElseThrow();

    assertThatThrownBy(
            () ->
                fenced.inFencedTransaction(
                    lease.term(),
                    "a slow write",
                    handle -> {
                      handle.execute("insert into fenced_probe values ('slow')");
                      return handle.execute("select pg_sleep(60)");
                    }))
        .hasMessageContaining("statement timeout");
    assertThat(notes()).isZero();
    // The pool hands a thread its last connection again: the one the transaction ran on.
    String afterwards =
        database
            .jdbi()
            .withHandle(h -> h.createQuery("show statement_timeout").mapTo(String.class).one());
    assertThat(afterwards).as("the timeout is the transaction's alone").isEqualTo("0");
  }

  @Test
  void aWriteUnderAnOldTermIsRejectedAndRolledBack() {
    LeaderLease old = electors.leadership(database).tryAcquire().orElseThrow();
    old.release();
    LeaderLease current = electors.leadership("baton-b").tryAcquire().orElseThrow();

    assertThatThrownBy(() -> write(old.term(), "stale"))
        .isInstanceOfSatisfying(
            FencedOutException.class,
            e -> {
              assertThat(e.writerTerm()).isEqualTo(old.term());
              assertThat(e.currentTerm()).isEqualTo(current.term());
            });
    assertThat(notes()).isZero();
  }

  @Test
  void aWriteBeforeAnyLeaderIsRejected() {
    assertThatThrownBy(() -> write(1, "too early")).isInstanceOf(FencedOutException.class);
    assertThat(notes()).isZero();
  }

  @Test
  void aLongFencedTransactionNeitherDelaysTheHeartbeatNorLetsANewTermInBeforeItEnds()
      throws Exception {
    PostgresAdvisoryLockLeadership elector = electors.leadership(database);
    LeaderLease lease = elector.tryAcquire().orElseThrow();
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    Future<?> longWrite =
        threads.submit(
            () ->
                fenced.inFencedTransaction(
                    lease.term(),
                    "a long write",
                    handle -> {
                      handle.execute("insert into fenced_probe values ('long')");
                      inside.countDown();
                      finish.await();
                      return null;
                    }));
    assertThat(inside.await(GENEROUS.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

    Future<?> heartbeat = threads.submit(lease::verifyHeld);
    heartbeat.get(GENEROUS.toMillis(), TimeUnit.MILLISECONDS);

    // The holder vanishes mid-write; the next leader's term waits for the write to end.
    ((PostgresLeaderLease) lease).abandon();
    Future<Optional<LeaderLease>> successor =
        threads.submit(() -> electors.leadership("baton-b").awaitAcquire(GENEROUS));
    finish.countDown();
    longWrite.get(GENEROUS.toMillis(), TimeUnit.MILLISECONDS);
    LeaderLease next = successor.get(GENEROUS.toMillis(), TimeUnit.MILLISECONDS).orElseThrow();

    assertThat(next.term()).isEqualTo(lease.term() + 1);
    assertThat(notes()).isEqualTo(1);
    assertThatThrownBy(() -> write(lease.term(), "after")).isInstanceOf(FencedOutException.class);
  }
}
