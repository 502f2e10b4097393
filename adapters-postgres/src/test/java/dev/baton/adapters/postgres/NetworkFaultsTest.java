package dev.baton.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.domain.SchedulerRole;
import dev.baton.tcpproxy.TcpProxy;
import dev.baton.testsupport.postgres.TestPostgres;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Partitions and outages, made with a TCP proxy of the test's own; the server is never touched. */
class NetworkFaultsTest {
  @RegisterExtension static final TestPostgres postgres = new TestPostgres();
  private static final Duration GENEROUS = Duration.ofSeconds(40);

  @RegisterExtension final PostgresElectors electors = new PostgresElectors(postgres);
  private Jdbi observer;
  private TcpProxy proxy;
  private final List<PostgresSchedulerNode> nodes = new ArrayList<>();

  @BeforeAll
  static void migrate() {
    PostgresElectors.migrate(postgres);
  }

  @BeforeEach
  void setUp() throws Exception {
    observer = electors.database("baton-observer").jdbi();
    observer.useHandle(
        h -> h.execute("truncate <schema>.baton_job_run, <schema>.baton_scheduled_job"));
    URI server = URI.create(postgres.jdbcUrl().substring("jdbc:".length()));
    proxy = TcpProxy.start(server.getHost(), server.getPort());
  }

  @AfterEach
  void tearDown() {
    proxy.pass();
    nodes.forEach(PostgresSchedulerNode::close);
    proxy.close();
  }

  private String throughProxy() {
    URI server = URI.create(postgres.jdbcUrl().substring("jdbc:".length()));
    return postgres
        .jdbcUrl()
        .replace(server.getHost() + ":" + server.getPort(), proxy.host() + ":" + proxy.port());
  }

  private PostgresSchedulerNode start(String instanceId, String url) {
    PostgresSchedulerNode node = new PostgresSchedulerNode(electors, instanceId, url);
    nodes.add(node);
    node.lifecycle.start();
    return node;
  }

  private List<PostgresSchedulerNode> leaders() {
    return nodes.stream().filter(node -> node.role() == SchedulerRole.LEADER).toList();
  }

  private long lockHolders() {
    return observer.withHandle(
        h ->
            h.createQuery(
                    "select count(*) from pg_locks where locktype = 'advisory' and objsubid = 1"
                        + " and granted and ((classid::bigint << 32) | objid::bigint) = :key"
                        + " and database = (select oid from pg_database"
                        + " where datname = current_database())")
                .bind("key", electors.lockKey())
                .mapTo(Long.class)
                .one());
  }

  @Test
  void aLeaderCutOffFromTheDatabaseStopsByItselfAndAnotherTakesOverWithoutOverlap() {
    PostgresSchedulerNode cutOff = start("baton-cut-off", throughProxy());
    await().atMost(GENEROUS).until(() -> cutOff.role() == SchedulerRole.LEADER);
    PostgresSchedulerNode other = start("baton-other", postgres.jdbcUrl());
    await().atMost(GENEROUS).until(() -> other.role() == SchedulerRole.FOLLOWER);

    proxy.blackhole();

    await().atMost(GENEROUS).until(() -> cutOff.role() != SchedulerRole.LEADER);
    assertThat(cutOff.losses).isNotEmpty();
    // PostgreSQL's keepalive would drop the vanished sessions; the proxy does it sooner.
    proxy.closeServerSides();
    await().atMost(GENEROUS).until(() -> other.role() == SchedulerRole.LEADER);
    assertThat(cutOff.role()).isNotEqualTo(SchedulerRole.LEADER);

    proxy.pass();
    await().atMost(GENEROUS).until(() -> cutOff.role() == SchedulerRole.FOLLOWER);
    assertThat(leaders()).containsExactly(other);
    assertThat(JobRunOverlaps.count(observer)).isZero();
  }

  @Test
  void afterADatabaseOutageExactlyOneInstanceHoldsTheLockAndNobodyCrashed() throws Exception {
    for (int i = 1; i <= 3; i++) {
      start("baton-node-" + i, throughProxy());
    }
    await().atMost(GENEROUS).until(() -> leaders().size() == 1);

    proxy.refuseNewConnections(true);
    proxy.resetAll();
    await()
        .atMost(GENEROUS)
        .until(() -> nodes.stream().allMatch(node -> node.role() == SchedulerRole.ACQUIRING));
    proxy.refuseNewConnections(false);

    await().atMost(GENEROUS).until(() -> PostgresSchedulerNode.oneLeadsTheOthersFollow(nodes));
    assertThat(lockHolders()).isEqualTo(1);
    assertThat(nodes).allSatisfy(node -> assertThat(node.lifecycle.isRunning()).isTrue());
    assertThat(JobRunOverlaps.count(observer)).isZero();
  }
}
