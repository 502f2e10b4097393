package dev.baton.benchmarks.takeover;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The benchmark's own database: created fresh, read through one harness session while the rounds
 * run, dropped by {@link #close()} (also from the shutdown hook).
 */
public final class BenchDatabase implements AutoCloseable {
  /**
   * Distinct from every Baton instance id, so a new leader never counts it as its predecessor's.
   */
  static final String APPLICATION_NAME = "baton-benchmarks";

  private final LocalPostgresUrl admin;
  private final LocalPostgresUrl url;
  private final Connection connection;
  private final AtomicBoolean closed = new AtomicBoolean();

  private BenchDatabase(LocalPostgresUrl admin, LocalPostgresUrl url, Connection connection) {
    this.admin = admin;
    this.url = url;
    this.connection = connection;
  }

  /** Creates a database {@code baton_bench_<random hex>} next to {@code admin}'s. */
  public static BenchDatabase createFresh(LocalPostgresUrl admin) throws SQLException {
    byte[] suffix = new byte[6];
    new SecureRandom().nextBytes(suffix);
    return create(admin, "baton_bench_" + HexFormat.of().formatHex(suffix));
  }

  /** Creates database {@code name} (a plain lower-case identifier) next to {@code admin}'s. */
  public static BenchDatabase create(LocalPostgresUrl admin, String name) throws SQLException {
    if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("not a plain database name: " + name);
    }
    LocalPostgresUrl server = admin.forBatonInstances();
    try (Connection connection = connect(server);
        Statement statement = connection.createStatement()) {
      statement.execute("create database " + name);
    }
    LocalPostgresUrl url = server.withDatabase(name);
    try {
      return new BenchDatabase(server, url, connect(url));
    } catch (SQLException e) {
      drop(server, name);
      throw e;
    }
  }

  private static Connection connect(LocalPostgresUrl url) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("ApplicationName", APPLICATION_NAME);
    properties.setProperty("connectTimeout", "5");
    properties.setProperty("socketTimeout", "30");
    return DriverManager.getConnection(url.jdbcUrl(), properties);
  }

  public String name() {
    return url.database();
  }

  /** The URL the Baton processes get. */
  public LocalPostgresUrl url() {
    return url;
  }

  public String serverVersion() throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("show server_version")) {
      rows.next();
      return rows.getString(1);
    }
  }

  /** The current term's row of {@code baton_leadership}, once a leader has taken one. */
  Optional<Leadership> leadership() throws SQLException {
    try (PreparedStatement statement =
            connection.prepareStatement(
                "select term, holder_instance_id, holder_pid, acquired_at from baton.baton_leadership"
                    + " order by term desc limit 1");
        ResultSet rows = statement.executeQuery()) {
      return rows.next()
          ? Optional.of(
              new Leadership(
                  rows.getLong(1),
                  rows.getString(2),
                  rows.getInt(3),
                  rows.getObject(4, OffsetDateTime.class).toInstant()))
          : Optional.empty();
    } catch (SQLException e) {
      if ("42P01".equals(e.getSQLState())) { // undefined_table: not migrated yet
        return Optional.empty();
      }
      throw e;
    }
  }

  /** {@code pg_terminate_backend(pid)}: true when the signal was sent. */
  boolean terminateBackend(int pid) throws SQLException {
    return one("select pg_terminate_backend(?)", rows -> rows.getBoolean(1), pid);
  }

  Optional<Instant> firstStartOfTerm(String job, long term) throws SQLException {
    return instant(
        "select min(started_at) from baton.baton_job_run where job_name = ? and term = ?",
        job,
        term);
  }

  /**
   * The end of the term's last run that really ended: an abandoned run's {@code finished_at} is
   * when the next leader marked it, not when it stopped.
   */
  Optional<Instant> lastFinishOfTerm(String job, long term) throws SQLException {
    return instant(
        "select max(finished_at) from baton.baton_job_run where job_name = ? and term = ?"
            + " and outcome <> 'abandoned'",
        job,
        term);
  }

  /** Runs of the term that were still running when the next leader took over. */
  int abandonedRuns(String job, long term) throws SQLException {
    return one(
        "select count(*) from baton.baton_job_run where job_name = ? and term = ?"
            + " and outcome = 'abandoned'",
        rows -> rows.getInt(1),
        job,
        term);
  }

  boolean hasFinishedRun(String job, long term) throws SQLException {
    return instant(
            "select max(finished_at) from baton.baton_job_run where job_name = ? and term = ?",
            job,
            term)
        .isPresent();
  }

  /**
   * Pairs of finished runs of {@code job} whose intervals overlap, on the database clock. Runs that
   * merely touch (one ends as the next starts) do not overlap. Baton keeps a bounded number of runs
   * per job, so this sees only the recent ones; the benchmark asks every round.
   */
  List<Overlap> overlappingRuns(String job) throws SQLException {
    return rows(
        "select a.id, a.instance_id, a.term, a.outcome, b.id, b.instance_id, b.term,"
            + " b.outcome, extract(epoch from least(a.finished_at, b.finished_at)"
            + " - greatest(a.started_at, b.started_at)) * 1000"
            + " from baton.baton_job_run a join baton.baton_job_run b on b.job_name = a.job_name and a.id < b.id"
            + " where a.job_name = ? and a.finished_at is not null"
            + " and b.finished_at is not null"
            + " and a.started_at < b.finished_at and b.started_at < a.finished_at"
            + " order by a.id, b.id",
        rows ->
            new Overlap(
                new Overlap.Run(
                    rows.getLong(1), rows.getString(2), rows.getLong(3), rows.getString(4)),
                new Overlap.Run(
                    rows.getLong(5), rows.getString(6), rows.getLong(7), rows.getString(8)),
                rows.getDouble(9)),
        job);
  }

  /** Runs of {@code term} whose row says they started after {@code moment}. */
  int runsStartedAfter(String job, long term, Instant moment) throws SQLException {
    return one(
        "select count(*) from baton.baton_job_run where job_name = ? and term = ? and started_at > ?",
        rows -> rows.getInt(1),
        job,
        term,
        moment);
  }

  /**
   * Slots run more than once: {@code scheduled_at} values of {@code job} shared by several runs, as
   * "scheduled_at: run ids". A new leader continues the old cadence and must not repeat a slot.
   */
  List<String> duplicateSlots(String job) throws SQLException {
    return rows(
        "select scheduled_at, string_agg(id::text || ' (' || instance_id || ', term '"
            + " || term || ')', ', ' order by id) from baton.baton_job_run where job_name = ?"
            + " group by scheduled_at having count(*) > 1 order by scheduled_at",
        rows ->
            "slot "
                + rows.getObject(1, OffsetDateTime.class).toInstant()
                + " run by "
                + rows.getString(2),
        job);
  }

  /**
   * The runs of {@code job} that were in progress at some moment between {@code from} and {@code
   * to}.
   */
  List<RunRow> runsBetween(String job, Instant from, Instant to) throws SQLException {
    return rows(
        "select id, instance_id, term, started_at, finished_at, outcome from baton.baton_job_run"
            + " where job_name = ? and started_at <= ?"
            + " and (finished_at is null or finished_at >= ?) order by started_at",
        rows -> {
          OffsetDateTime finished = rows.getObject(5, OffsetDateTime.class);
          return new RunRow(
              rows.getLong(1),
              rows.getString(2),
              rows.getLong(3),
              rows.getObject(4, OffsetDateTime.class).toInstant(),
              finished == null ? null : finished.toInstant(),
              rows.getString(6));
        },
        job,
        to,
        from);
  }

  private Optional<Instant> instant(String sql, String job, long term) throws SQLException {
    return one(sql, rows -> Optional.ofNullable(rows.getObject(1, OffsetDateTime.class)), job, term)
        .map(OffsetDateTime::toInstant);
  }

  @FunctionalInterface
  private interface Row<T> {
    T read(ResultSet rows) throws SQLException;
  }

  /** Every row of {@code sql} with {@code parameters} bound in order, instants as timestamptz. */
  private <T> List<T> rows(String sql, Row<T> row, Object... parameters) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int index = 0; index < parameters.length; index++) {
        Object parameter = parameters[index];
        statement.setObject(
            index + 1,
            parameter instanceof Instant moment
                ? OffsetDateTime.ofInstant(moment, ZoneOffset.UTC)
                : parameter);
      }
      List<T> read = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          read.add(row.read(rows));
        }
      }
      return read;
    }
  }

  /** The first row of a query that always returns one (an aggregate, a function). */
  private <T> T one(String sql, Row<T> row, Object... parameters) throws SQLException {
    return rows(sql, row, parameters).get(0);
  }

  /** Closes the harness session and drops the database, ending any session still on it. */
  @Override
  public void close() throws SQLException {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      connection.close();
    } finally {
      drop(admin, name());
    }
  }

  private static void drop(LocalPostgresUrl server, String name) throws SQLException {
    try (Connection connection = connect(server);
        Statement statement = connection.createStatement()) {
      statement.execute("drop database if exists " + name + " with (force)");
    }
  }

  /** {@code acquiredAt}: when the holder incremented the term, right after the grant. */
  record Leadership(long term, String holderInstanceId, int holderPid, Instant acquiredAt) {}

  /** One {@code baton_job_run} row, for the timeline. */
  record RunRow(
      long id,
      String instanceId,
      long term,
      Instant startedAt,
      Instant finishedAt,
      String outcome) {}

  /** Two runs of a job that ran at the same time, by {@code overlapMs}. */
  record Overlap(Run first, Run second, double overlapMs) {
    record Run(long id, String instanceId, long term, String outcome) {}

    /** Identifies the pair across rounds. */
    String key() {
      return first.id + "/" + second.id;
    }

    @Override
    public String toString() {
      return String.format(
          java.util.Locale.ROOT,
          "runs %d (%s, term %d, %s) and %d (%s, term %d, %s) overlap by %.1f ms",
          first.id,
          first.instanceId,
          first.term,
          first.outcome,
          second.id,
          second.instanceId,
          second.term,
          second.outcome,
          overlapMs);
    }
  }
}
