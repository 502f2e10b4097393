package dev.baton.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import dev.baton.adapters.http.BatonHttpServer;
import dev.baton.adapters.postgres.PostgresJobRuns;
import dev.baton.adapters.sqlite.SqliteJobRuns;
import dev.baton.application.SchedulerLifecycle;
import dev.baton.application.SchedulerStatusService;
import dev.baton.application.port.in.JobStatus;
import dev.baton.application.schedule.JobSchedule;
import dev.baton.bootstrap.config.BatonConfig;
import dev.baton.bootstrap.config.ConfigException;
import dev.baton.bootstrap.config.ConfigLoader;
import dev.baton.domain.InstanceId;
import dev.baton.domain.SchedulerRole;
import dev.baton.domain.port.LeadershipPort;
import dev.baton.embedded.internal.Backend;
import dev.baton.embedded.internal.Engine;
import dev.baton.embedded.internal.WatchedLeadership;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceModuleTest {
  private static final InstanceId ID = new InstanceId("baton-0123456789ab");

  private static BatonConfig config(Map<String, String> env) {
    return new ConfigLoader(env).load().config();
  }

  private static Injector servingOnAFreePort(String databaseUrl) {
    return Guice.createInjector(
        Stage.DEVELOPMENT,
        new ServiceModule(
            config(Map.of("BATON_DATABASE_URL", databaseUrl, "BATON_HTTP_PORT", "0")), ID));
  }

  /** The backend's leadership, watched so that readiness hears how lock attempts went. */
  private static void assertWatchedLeadership(Engine engine, boolean elects) {
    assertThat(engine.leadership())
        .isInstanceOf(WatchedLeadership.class)
        .extracting(LeadershipPort::supportsElection)
        .isEqualTo(elects);
  }

  @Test
  void onSqliteTheServiceBuildsWithExplicitBindingsOnly(@TempDir Path dir) {
    Injector injector = servingOnAFreePort("jdbc:sqlite:" + dir.resolve("b.db"));

    Engine engine = injector.getInstance(Engine.class);
    assertWatchedLeadership(engine, false);
    assertThat(engine.jobRuns()).isInstanceOf(SqliteJobRuns.class);
    // The registry both backends share, from the persistence module the service does not name.
    assertThat(engine.instances().getClass().getSimpleName()).isEqualTo("JdbiInstanceRegistry");
    assertThat(engine.backend().name()).isEqualTo("sqlite");
    assertThat(injector.getInstance(Engine.class)).isSameAs(engine);
    assertThat(injector.getInstance(SchedulerStatusService.class).schedulerStatus().backend())
        .isEqualTo("sqlite");
    assertThat(injector.getInstance(BatonHttpServer.class))
        .isSameAs(injector.getInstance(BatonHttpServer.class));
    engine.closeDatabase();
  }

  @Test
  void thePollingJobIsRegisteredUnlessDisabledAndTheProbeOnlyWithAnInterval(@TempDir Path dir) {
    String url = "jdbc:sqlite:" + dir.resolve("b.db");
    Injector disabled =
        Guice.createInjector(
            Stage.DEVELOPMENT,
            new ServiceModule(
                config(
                    Map.of("BATON_DATABASE_URL", url, "BATON_ENABLE_BATCH_JOB_POLLING", "false")),
                ID));
    Injector without =
        Guice.createInjector(
            Stage.DEVELOPMENT, new ServiceModule(config(Map.of("BATON_DATABASE_URL", url)), ID));
    Injector with =
        Guice.createInjector(
            Stage.DEVELOPMENT,
            new ServiceModule(
                config(Map.of("BATON_DATABASE_URL", url, "BATON_PROBE_JOB_INTERVAL_MS", "200")),
                ID));

    assertThat(without.getInstance(SchedulerStatusService.class).schedulerStatus().jobs())
        .extracting(JobStatus::name, JobStatus::schedule)
        .containsExactly(tuple("poll_llm_batches", JobSchedule.every(Duration.ofSeconds(300))));
    assertThat(with.getInstance(SchedulerStatusService.class).schedulerStatus().jobs())
        .extracting(JobStatus::name)
        .containsExactly("poll_llm_batches", "probe");
    assertThat(disabled.getInstance(SchedulerStatusService.class).schedulerStatus().jobs())
        .isEmpty();
    assertThat(disabled.getInstance(Engine.class).pollJob())
        .as("poll-once runs it by hand")
        .isPresent();
    for (Injector injector : new Injector[] {disabled, without, with}) {
      injector.getInstance(Engine.class).closeDatabase();
    }
  }

  @Test
  void onPostgresTheServiceBuildsWithExplicitBindingsOnly() {
    Injector injector = servingOnAFreePort("jdbc:postgresql://127.0.0.1:1/baton");

    Engine engine = injector.getInstance(Engine.class);
    assertWatchedLeadership(engine, true);
    assertThat(engine.jobRuns()).isInstanceOf(PostgresJobRuns.class);
    assertThat(engine.backend().name()).isEqualTo("postgres");
    SchedulerLifecycle lifecycle = engine.lifecycle();
    assertThat(lifecycle.settings().instanceId()).isEqualTo(ID);
    assertThat(lifecycle.role()).isEqualTo(SchedulerRole.STOPPED);
    engine.closeDatabase();
  }

  @Test
  void anHttpServerOffLoopbackNeedsAReadOrAdminTokenWhileTheDatabaseCommandsRunAnywhere(
      @TempDir Path dir) {
    String url = "jdbc:sqlite:" + dir.resolve("b.db");
    BatonConfig offLoopback =
        config(Map.of("BATON_DATABASE_URL", url, "BATON_HTTP_HOST", "0.0.0.0"));
    Injector open = Guice.createInjector(Stage.DEVELOPMENT, new ServiceModule(offLoopback, ID));

    assertThatThrownBy(() -> open.getInstance(BatonHttpServer.class))
        .satisfies(
            e ->
                assertThat(CommandFailures.expected(e).orElseThrow().line())
                    .startsWith("baton: configuration error: BATON_HTTP_HOST: '0.0.0.0' is not a")
                    .contains("BATON_READ_TOKEN", "BATON_ADMIN_TOKEN", "_FILE"));
    try (Backend database = ConfiguredEngine.database(offLoopback, ID)) {
      assertThat(database.name()).isEqualTo("sqlite");
    }
    for (String key : new String[] {"BATON_READ_TOKEN", "BATON_ADMIN_TOKEN"}) {
      Injector withToken =
          Guice.createInjector(
              Stage.DEVELOPMENT,
              new ServiceModule(
                  config(
                      Map.of(
                          "BATON_DATABASE_URL",
                          url,
                          "BATON_HTTP_HOST",
                          "0.0.0.0",
                          "BATON_HTTP_PORT",
                          "0",
                          key,
                          "a-long-random-token-1234")),
                  ID));
      BatonHttpServer server = withToken.getInstance(BatonHttpServer.class);
      server.start();
      try {
        assertThat(server.port()).as("bound on every address with %s", key).isPositive();
      } finally {
        server.stop();
      }
      withToken.getInstance(Engine.class).closeDatabase();
    }
  }

  @Test
  void aReadTokenNoBearerHeaderCouldCarryStopsStartupNamingItsKey(@TempDir Path dir) {
    BatonConfig config =
        config(
            Map.of(
                "BATON_DATABASE_URL",
                "jdbc:sqlite:" + dir.resolve("b.db"),
                "BATON_READ_TOKEN",
                "two words"));

    assertThatThrownBy(() -> new ServiceModule(config, ID))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("BATON_READ_TOKEN: a token must be a non-empty bearer token")
        .message()
        .doesNotContain("two words");
  }
}
