package dev.baton.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.domain.SchedulerRole;
import dev.baton.testsupport.postgres.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Three real lifecycles over the PostgreSQL adapters, and the failures they must survive. */
class LeaderFailoverTest {
  @RegisterExtension static final TestPostgres postgres = new TestPostgres();
  private static final Duration GENEROUS = Duration.ofSeconds(30);

  @RegisterExtension final PostgresElectors electors = new PostgresElectors(postgres);
  private Jdbi observer;
  private final List<PostgresSchedulerNode> nodes = new ArrayList<>();

  @BeforeAll
  static void migrate() {
    PostgresElectors.migrate(postgres);
  }

  @BeforeEach
  void startThreeNodes() {
    observer = electors.database("baton-observer").jdbi();
    observer.useHandle(
        h -> h.execute("truncate <schema>.baton_job_run, <schema>.baton_scheduled_job"));
    for (int i = 1; i <= 3; i++) {
      PostgresSchedulerNode node =
          new PostgresSchedulerNode(electors, "baton-node-" + i, postgres.jdbcUrl());
      nodes.add(node);
      node.lifecycle.start();
    }
  }

  @AfterEach
  void stopNodes() {
    nodes.forEach(PostgresSchedulerNode::close);
  }

  private List<PostgresSchedulerNode> leaders() {
    return nodes.stream().filter(node -> node.role() == SchedulerRole.LEADER).toList();
  }

  private PostgresSchedulerNode awaitOneLeader() {
    await().atMost(GENEROUS).until(() -> PostgresSchedulerNode.oneLeadsTheOthersFollow(nodes));
    return leaders().get(0);
  }

  private long term(PostgresSchedulerNode node) {
    return node.lifecycle.currentLease().orElseThrow().term();
  }

  @Test
  void killingTheLeadersLockSessionMovesTheLeadershipWithoutOverlappingRuns() throws Exception {
    for (int round = 0; round < 3; round++) {
      PostgresSchedulerNode leader = awaitOneLeader();
      long term = term(leader);
      int lockPid =
          ((PostgresLeaderLease) leader.lifecycle.currentLease().orElseThrow()).lockSessionPid();
      await().atMost(GENEROUS).until(() -> probeRunsOfTerm(term) > 0);

      try (Connection admin = postgres.openAdminConnection();
          PreparedStatement kill = admin.prepareStatement("select pg_terminate_backend(?)")) {
        kill.setInt(1, lockPid);
        kill.execute();
      }

      await()
          .atMost(GENEROUS)
          .until(() -> leader.role() != SchedulerRole.LEADER || term(leader) > term);
      assertThat(leader.losses).anySatisfy(loss -> assertThat(loss).startsWith(term + " "));
      PostgresSchedulerNode next = awaitOneLeader();
      assertThat(term(next)).isGreaterThan(term);
      await().atMost(GENEROUS).until(() -> probeRunsOfTerm(term(next)) > 0);
    }

    assertThat(JobRunOverlaps.count(observer)).isZero();
  }

  @Test
  void aLeaderThatShutsDownHandsOverCleanlyAndTheOthersCarryOn() {
    PostgresSchedulerNode leader = awaitOneLeader();
    long term = term(leader);

    leader.close();
    nodes.remove(leader);

    PostgresSchedulerNode next = awaitOneLeader();
    assertThat(term(next)).isEqualTo(term + 1);
    assertThat(next.lifecycle.currentLease().orElseThrow().jobsStartAt())
        .isEqualTo(next.lifecycle.currentLease().orElseThrow().acquiredAt());
    await().atMost(GENEROUS).until(() -> probeRunsOfTerm(term + 1) > 0);
    assertThat(JobRunOverlaps.count(observer)).isZero();
  }

  @Test
  void aFollowerThatShutsDownLeavesTheLeaderAlone() {
    PostgresSchedulerNode leader = awaitOneLeader();
    long term = term(leader);
    PostgresSchedulerNode follower =
        nodes.stream().filter(node -> node != leader).findFirst().orElseThrow();

    follower.close();
    nodes.remove(follower);

    assertThat(leader.role()).isEqualTo(SchedulerRole.LEADER);
    assertThat(term(leader)).isEqualTo(term);
    assertThat(leader.losses).isEmpty();
  }

  private long probeRunsOfTerm(long term) {
    Optional<Long> count =
        observer.withHandle(
            h ->
                h.createQuery(
                        "select count(*) from <schema>.baton_job_run where term = :term and finished_at is not null")
                    .bind("term", term)
                    .mapTo(Long.class)
                    .findOne());
    return count.orElse(0L);
  }
}
