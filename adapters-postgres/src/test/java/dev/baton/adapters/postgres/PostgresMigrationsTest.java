package dev.baton.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.domain.InstanceId;
import dev.baton.persistence.MigrationHistory;
import dev.baton.testsupport.ShippedMigrations;
import dev.baton.testsupport.postgres.TestPostgres;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Baton shares a database with its host: its tables and its Flyway history stay in its own schema
 * (or beside the host's, named apart), and neither Flyway sees the other's migrations.
 */
class PostgresMigrationsTest {
  @RegisterExtension static final TestPostgres postgres = new TestPostgres();

  /** The versions of V1, the baseline, and of every migration after it: the files Baton ships. */
  private static final List<String> BATON_VERSIONS =
      ShippedMigrations.versions(PostgresDatabase.class, "/dev/baton/migration/postgresql");

  private static final int BATON_MIGRATIONS = BATON_VERSIONS.size();

  private Jdbi admin;
  private PGSimpleDataSource hostDataSource;

  @BeforeEach
  void emptyDatabase() {
    hostDataSource = new PGSimpleDataSource();
    hostDataSource.setUrl(postgres.jdbcUrl());
    admin = Jdbi.create(hostDataSource);
    admin.useHandle(
        h -> {
          h.execute("drop schema if exists baton cascade");
          h.execute("drop schema if exists elsewhere cascade");
          h.execute("drop schema public cascade");
          h.execute("create schema public");
        });
  }

  private PostgresDatabase baton(String schema) {
    return new PostgresDatabase(
        new PostgresSettings(
            postgres.jdbcUrl(),
            new InstanceId("baton-migrations"),
            42,
            Duration.ofSeconds(4),
            Duration.ofSeconds(10),
            2,
            schema));
  }

  /** The host's own Flyway, as Spring Boot or a plain application configures it by default. */
  private int hostMigrates() {
    return Flyway.configure()
        .dataSource(hostDataSource)
        .locations("classpath:host/migration")
        .load()
        .migrate()
        .migrationsExecuted;
  }

  private List<String> tablesOf(String schema) {
    return admin.withHandle(
        h ->
            h.createQuery(
                    "select table_name from information_schema.tables where table_schema = :schema"
                        + " order by table_name")
                .bind("schema", schema)
                .mapTo(String.class)
                .list());
  }

  private List<String> versions(String table) {
    return admin.withHandle(
        h ->
            h.createQuery(
                    "select version from "
                        + table
                        + " where success and version is not null order by installed_rank")
                .mapTo(String.class)
                .list());
  }

  @Test
  void batonMigratesIntoItsOwnSchemaAndTheHostsFlywayNeverSeesIt() {
    assertThat(hostMigrates()).isEqualTo(1);
    try (PostgresDatabase database = baton(PostgresSettings.DEFAULT_SCHEMA)) {
      assertThat(database.migrate()).isEqualTo(BATON_MIGRATIONS);
      assertThat(database.migrate()).isZero();
    }
    assertThat(hostMigrates()).isZero();

    assertThat(tablesOf("public")).containsExactly("flyway_schema_history", "invoice");
    assertThat(tablesOf("baton"))
        .contains("baton_schema_history", "baton_leadership", "baton_job_run", "baton_llm_batch")
        .allMatch(name -> name.startsWith("baton_"));
    assertThat(versions("public.flyway_schema_history")).containsExactly("1");
    assertThat(versions("baton.baton_schema_history")).isEqualTo(BATON_VERSIONS);
    assertThat(PostgresDatabase.LATEST_MIGRATION)
        .as("the latest migration named in code is the last file shipped")
        .isEqualTo(Integer.parseInt(BATON_VERSIONS.get(BATON_MIGRATIONS - 1)));
    assertThat(
            MigrationHistory.isUpToDate(
                admin,
                "baton." + PostgresDatabase.SCHEMA_HISTORY,
                PostgresDatabase.LATEST_MIGRATION))
        .as("the history read in Baton's own schema")
        .isTrue();
  }

  @Test
  void theHostMayMigrateAfterBaton() {
    try (PostgresDatabase database = baton(PostgresSettings.DEFAULT_SCHEMA)) {
      database.migrate();
    }

    assertThat(hostMigrates()).isEqualTo(1);
    assertThat(versions("public.flyway_schema_history")).containsExactly("1");
  }

  @Test
  void inANonEmptySchemaOfTheHostBatonBaselinesAtZeroAndKeepsItsHistoryApart() {
    hostMigrates();

    try (PostgresDatabase database = baton("public")) {
      assertThat(database.migrate()).isEqualTo(BATON_MIGRATIONS);
    }

    assertThat(tablesOf("public"))
        .contains("invoice", "flyway_schema_history", "baton_schema_history", "baton_job_run");
    // The baseline marker at version 0, then every migration.
    assertThat(versions("public.baton_schema_history"))
        .containsExactlyElementsOf(
            Stream.concat(Stream.of("0"), BATON_VERSIONS.stream()).collect(Collectors.toList()));
    assertThat(versions("public.flyway_schema_history")).containsExactly("1");
  }

  @Test
  void anotherSchemaNameIsCreatedAndUsedByEveryStatement() {
    try (PostgresDatabase database = baton("elsewhere")) {
      database.migrate();
      new PostgresJobRuns(database, new PostgresFencedTransactions(database)).scheduledJobs();
    }

    assertThat(tablesOf("elsewhere")).contains("baton_job_run");
    assertThat(tablesOf("baton")).isEmpty();
  }
}
