package dev.baton.adapters.postgres;

import dev.baton.domain.InstanceId;
import dev.baton.testsupport.postgres.TestPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Builds electors on the test database, each with its own pool and lock sessions as a separate
 * process would have, all on one lock key of their own; closes them all at the end, or after each
 * test when registered as an extension.
 */
final class PostgresElectors implements AutoCloseable, AfterEachCallback {
  static final Duration GRACE = Duration.ofSeconds(4);

  private final String jdbcUrl;
  private final long lockKey = ThreadLocalRandom.current().nextLong();
  private final List<AutoCloseable> opened = new ArrayList<>();

  PostgresElectors(TestPostgres postgres) {
    this(postgres.jdbcUrl());
  }

  PostgresElectors(String jdbcUrl) {
    this.jdbcUrl = jdbcUrl;
  }

  /** Migrates the test class's database once, before its first test. */
  static void migrate(TestPostgres postgres) {
    try (PostgresElectors setup = new PostgresElectors(postgres)) {
      setup.database("baton-migrate").migrate();
    }
  }

  long lockKey() {
    return lockKey;
  }

  PostgresSettings settings(String instanceId) {
    return settings(instanceId, jdbcUrl);
  }

  PostgresSettings settings(String instanceId, String url) {
    return new PostgresSettings(
        url, new InstanceId(instanceId), lockKey, GRACE, Duration.ofSeconds(10), 4);
  }

  synchronized PostgresDatabase database(String instanceId) {
    return database(settings(instanceId));
  }

  synchronized PostgresDatabase database(PostgresSettings settings) {
    PostgresDatabase database = new PostgresDatabase(settings);
    opened.add(database);
    return database;
  }

  /** A database of its own pool, migrated, with {@code tables} emptied. */
  PostgresDatabase emptied(String instanceId, String... tables) {
    PostgresDatabase database = database(instanceId);
    database.migrate();
    String schemaTables =
        Arrays.stream(tables).map(table -> "<schema>." + table).collect(Collectors.joining(", "));
    database.jdbi().useHandle(h -> h.execute("truncate " + schemaTables));
    return database;
  }

  synchronized PostgresAdvisoryLockLeadership leadership(PostgresDatabase database) {
    PostgresAdvisoryLockLeadership leadership =
        new PostgresAdvisoryLockLeadership(database, java.time.Clock.systemUTC()::instant);
    opened.add(leadership);
    return leadership;
  }

  PostgresAdvisoryLockLeadership leadership(String instanceId) {
    return leadership(database(instanceId));
  }

  /** Makes a new term of this key the current one on {@code database}, as a takeover would. */
  long grantNewTerm(PostgresDatabase database) {
    return database
        .jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "insert into <schema>.baton_leadership as l (lock_key, term, holder_instance_id,"
                            + " holder_pid, acquired_at) values (:key, 1, 'test', 0,"
                            + " clock_timestamp()) on conflict (lock_key) do update set term ="
                            + " l.term + 1 returning term")
                    .bind("key", lockKey)
                    .mapTo(Long.class)
                    .one());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    close();
  }

  @Override
  public synchronized void close() {
    for (int i = opened.size() - 1; i >= 0; i--) {
      try {
        opened.get(i).close();
      } catch (Exception e) {
        // closing what a test left behind; the next test gets a new key anyway
      }
    }
    opened.clear();
  }
}
