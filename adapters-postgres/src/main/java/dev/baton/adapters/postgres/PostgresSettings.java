package dev.baton.adapters.postgres;

import dev.baton.domain.InstanceId;
import java.time.Duration;
import java.util.Objects;

/**
 * How Baton talks to PostgreSQL.
 *
 * @param connections Baton's own pool from a URL, or the application's {@code DataSource}
 * @param instanceId this process; its lock session (and with its own pool every connection) carries
 *     it as {@code application_name}
 * @param lockKey the advisory lock key of the leadership
 * @param takeoverGrace how long a new leader waits after an unclean takeover when the previous
 *     holder may still be alive
 * @param lockSessionSocketTimeout the client socket timeout of the lock session; longer than any
 *     statement on it (the lock wait slice), so a dead server is noticed
 * @param schema the schema that holds Baton's tables, created if missing; every statement names it,
 *     and Baton never changes a connection's {@code search_path}
 */
public record PostgresSettings(
    PostgresConnections connections,
    InstanceId instanceId,
    long lockKey,
    Duration takeoverGrace,
    Duration lockSessionSocketTimeout,
    String schema) {

  /** Where Baton's tables live unless told otherwise. */
  public static final String DEFAULT_SCHEMA = "baton";

  private static final java.util.regex.Pattern SCHEMA_NAME =
      java.util.regex.Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  /**
   * Server-side TCP keepalive: a vanished client is dropped within about idle + interval × count.
   */
  static final int KEEPALIVE_IDLE_SECONDS = 5;

  static final int KEEPALIVE_INTERVAL_SECONDS = 2;
  static final int KEEPALIVE_COUNT = 2;

  /** Unacknowledged data for this long makes the server drop the connection. */
  static final Duration TCP_USER_TIMEOUT = Duration.ofSeconds(9);

  /** How often the server checks, during a statement, that the client is still there. */
  static final Duration CLIENT_CONNECTION_CHECK_INTERVAL = Duration.ofSeconds(1);

  /** An orphaned fenced transaction of a vanished leader cannot hold the term row longer. */
  static final Duration IDLE_IN_TRANSACTION_TIMEOUT = Duration.ofSeconds(5);

  /**
   * One statement of a fenced transaction ends after this: the term row stays share-locked for the
   * whole transaction, and a new leader's term increment waits for it.
   */
  static final Duration FENCED_STATEMENT_TIMEOUT = Duration.ofSeconds(5);

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /**
   * A pool statement on a connection that died silently (a partition) ends after this. Interrupting
   * the run does not end a socket read, and the run holds its job until it ends: a process that
   * leads again soon after a partition resumes that job only then. Baton's statements are short
   * (chunked writes, bounded row-lock waits), so a long bound buys nothing.
   */
  static final Duration POOL_SOCKET_TIMEOUT = Duration.ofSeconds(15);

  public PostgresSettings {
    Objects.requireNonNull(connections, "connections");
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(takeoverGrace, "takeoverGrace");
    Objects.requireNonNull(lockSessionSocketTimeout, "lockSessionSocketTimeout");
    requireSchemaName(schema);
  }

  /** Baton's own pool of {@code poolSize} connections to {@code jdbcUrl}. */
  public PostgresSettings(
      String jdbcUrl,
      InstanceId instanceId,
      long lockKey,
      Duration takeoverGrace,
      Duration lockSessionSocketTimeout,
      int poolSize,
      String schema) {
    this(
        new PostgresConnections.OwnPool(jdbcUrl, poolSize),
        instanceId,
        lockKey,
        takeoverGrace,
        lockSessionSocketTimeout,
        schema);
  }

  /** Settings with Baton's tables in the default schema, {@value #DEFAULT_SCHEMA}. */
  public PostgresSettings(
      String jdbcUrl,
      InstanceId instanceId,
      long lockKey,
      Duration takeoverGrace,
      Duration lockSessionSocketTimeout,
      int poolSize) {
    this(
        jdbcUrl,
        instanceId,
        lockKey,
        takeoverGrace,
        lockSessionSocketTimeout,
        poolSize,
        DEFAULT_SCHEMA);
  }

  /**
   * @throws IllegalArgumentException unless {@code schema} is a lowercase SQL identifier (letters,
   *     digits and underscores, at most 63), which every statement can name without quoting
   */
  public static String requireSchemaName(String schema) {
    if (schema == null || !SCHEMA_NAME.matcher(schema).matches()) {
      throw new IllegalArgumentException(
          "a schema name is a lowercase letter or underscore, then up to 62 lowercase letters,"
              + " digits or underscores: "
              + schema);
    }
    return schema;
  }
}
