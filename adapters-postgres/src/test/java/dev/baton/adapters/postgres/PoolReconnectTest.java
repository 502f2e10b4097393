package dev.baton.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.baton.tcpproxy.TcpProxy;
import dev.baton.testsupport.postgres.TestPostgres;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * After an outage, a granted lock ends the pool's reconnect backoff: its adder stops sleeping and a
 * new one connects at once. Timings are the benchmarks' business; this checks what happens.
 */
class PoolReconnectTest {
  @RegisterExtension static final TestPostgres postgres = new TestPostgres();

  private PostgresElectors electors;
  private TcpProxy proxy;
  private PostgresDatabase database;
  private HikariDataSource pool;

  @BeforeEach
  void setUp() throws Exception {
    electors = new PostgresElectors(postgres);
    URI server = URI.create(postgres.jdbcUrl().substring("jdbc:".length()));
    proxy = TcpProxy.start(server.getHost(), server.getPort());
    String throughProxy =
        postgres
            .jdbcUrl()
            .replace(server.getHost() + ":" + server.getPort(), proxy.host() + ":" + proxy.port());
    database = electors.database(electors.settings("baton-pool", throughProxy));
    pool = (HikariDataSource) database.dataSource();
  }

  @AfterEach
  void tearDown() {
    proxy.pass();
    proxy.close();
    electors.close();
  }

  @Test
  void aPoolInItsReconnectBackoffIsWokenAndConnectsAtOnce() throws Exception {
    try (Connection first = pool.getConnection()) {
      assertThat(first.isValid(1)).isTrue();
    }
    proxy.refuseNewConnections(true);
    proxy.resetAll();
    // Callers the outage denies a connection: the pool's adder fails and backs off.
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                !borrowOnce()
                    && pool.getHikariPoolMXBean().getTotalConnections() == 0
                    && adderInBackoff());
    CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(this::borrowOnce);
    // Let the backoff grow past a second, as it does in an outage of a few seconds.
    await().pollDelay(Duration.ofMillis(1500)).until(() -> true);
    proxy.refuseNewConnections(false);

    assertThat(database.reconnectPoolNow()).as("an adder slept in its backoff").isTrue();

    assertThat(waiting.get(5, TimeUnit.SECONDS)).as("the waiting caller got a connection").isTrue();
    assertThat(pool.getHikariPoolMXBean().getTotalConnections()).isPositive();
  }

  @Test
  void aHealthyPoolIsLeftAlone() throws Exception {
    try (Connection connection = pool.getConnection()) {
      assertThat(connection.isValid(1)).isTrue();
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> pool.getHikariPoolMXBean().getIdleConnections() > 0);

    assertThat(database.reconnectPoolNow()).isFalse();
  }

  private boolean borrowOnce() {
    try (Connection connection = pool.getConnection()) {
      return connection.isValid(1);
    } catch (SQLException e) {
      return false;
    }
  }

  private boolean adderInBackoff() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().startsWith("baton-pool-"))
        .anyMatch(PoolReconnect::inBackoff);
  }
}
