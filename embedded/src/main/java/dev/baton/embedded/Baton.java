package dev.baton.embedded;

import dev.baton.adapters.postgres.PostgresSettings;
import dev.baton.application.JobDefinition;
import dev.baton.application.NotLeaderException;
import dev.baton.application.UnknownJobException;
import dev.baton.application.webhook.WebhookSettings;
import dev.baton.domain.DuplicateBatchException;
import dev.baton.domain.LlmProvider;
import dev.baton.domain.NewBatch;
import dev.baton.domain.SchedulerRole;
import dev.baton.domain.port.SchedulerEventsPort;
import dev.baton.embedded.internal.DatabaseProblem;
import dev.baton.embedded.internal.Engine;
import dev.baton.embedded.internal.EngineConfig;
import dev.baton.embedded.internal.InstanceIds;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Baton inside a Java service: the service's own jobs run on exactly one of its instances, elected
 * through a PostgreSQL advisory lock (on SQLite, one process, without election).
 *
 * <pre>{@code
 * try (Baton baton = Baton.builder()
 *         .postgres(jdbcUrl)
 *         .job("send-invoices", Schedule.cron("0 * * * *", ZoneId.of("Europe/Berlin")),
 *              run -> run.inFencedTransaction(connection -> invoices.sendDue(connection)))
 *         .job("refresh-cache", Schedule.every(Duration.ofMinutes(1)), run -> cache.refresh())
 *         .start()) {
 *   // the service runs; close() drains, releases the lock and stops
 * }
 * }</pre>
 *
 * <p>A leader proves every second that it still holds the lock and stops its jobs the moment it
 * does not (their threads are interrupted); a follower takes over the moment the lock is free. Each
 * job's last slot is stored, so a new leader continues the cadence without running a slot twice.
 * {@link #close()} drains runs in flight, releases the lock cleanly and stops.
 *
 * <p>{@link #start()} migrates Baton's tables in the background. The calls that need them ({@link
 * #runNow}, {@link #pause}, {@link #resume}, {@link #trackBatch}) wait up to 30 s for that, then
 * throw {@link IllegalStateException} with the database's last answer.
 */
public final class Baton implements AutoCloseable {
  /** How long a call that needs Baton's tables waits for the migrations start() began. */
  private static final Duration DATABASE_WAIT = Duration.ofSeconds(30);

  private final EngineConfig config;
  private Engine engine;
  private boolean closed;

  private Baton(EngineConfig config) {
    this.config = config;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts: one connection attempt now — a permanent error (a wrong password, an unknown role or
   * database, an SQLite file that cannot be opened) throws at once — then migrations and the
   * leadership on Baton's own threads, retried while the database is unreachable. Returns without
   * waiting for them.
   *
   * @throws BatonStartException when the database settings are wrong
   * @throws IllegalStateException when this Baton was started or closed before
   */
  public synchronized Baton start() {
    if (engine != null || closed) {
      throw new IllegalStateException("a Baton starts once: build another one");
    }
    try {
      engine = new Engine(config);
      engine.start();
    } catch (DatabaseProblem e) {
      closed = true;
      // Before there is an engine only an SQLite file's directory fails, and its cause names it.
      String where = engine == null ? "" : e.location() + ": ";
      throw new BatonStartException(where + e.getMessage(), e.getCause());
    } catch (RuntimeException e) {
      closed = true;
      throw e;
    }
    return this;
  }

  /**
   * This instance's role: {@code LEADER}, {@code FOLLOWER}, {@code ACQUIRING}, …; {@code STOPPED}
   * before {@link #start()} and after {@link #close()}.
   */
  public SchedulerRole role() {
    Engine current = current();
    return current == null ? SchedulerRole.STOPPED : current.lifecycle().role();
  }

  public boolean isLeader() {
    return role() == SchedulerRole.LEADER;
  }

  /** This process's instance id: the prefix given to the builder and a per-process suffix. */
  public String instanceId() {
    return config.scheduler().instanceId().value();
  }

  /**
   * Asks for a run of {@code jobName} now, paused or not, on any instance: the leader starts it as
   * soon as the job's run in progress (if any) ends; on another instance the request is stored and
   * the leader starts it within a second. Returns without waiting for the run.
   *
   * @throws IllegalArgumentException when no job of that name was registered
   */
  public void runNow(String jobName) {
    Engine engine = running(jobName);
    try {
      engine.jobs().requestRun(jobName);
    } catch (NotLeaderException e) {
      engine.jobRuns().requestRun(jobName, engine.clock().now());
    }
  }

  /**
   * Hands a provider's batch to Baton: the leader polls it until it ends, stores its item results
   * and then calls the {@link Builder#onBatchCompleted} listeners.
   *
   * @param provider {@code anthropic} or {@code openai}
   * @param customIds the {@code custom_id} of each request in the batch (at most 100 000), whose
   *     results Baton stores
   * @return Baton's id of the batch
   * @throws IllegalArgumentException when the provider, the ids or their number are not valid, or
   *     the batch is tracked already
   * @throws IllegalStateException when this Baton does not poll LLM batches, or is not running
   */
  public long trackBatch(String provider, String providerBatchId, List<String> customIds) {
    Engine current = current();
    if (current == null) {
      throw new IllegalStateException("this Baton is not running");
    }
    if (current.pollJob().isEmpty()) {
      throw new IllegalStateException("this Baton does not poll LLM batches: see llmBatches(...)");
    }
    NewBatch batch = new NewBatch(LlmProvider.fromWire(provider), providerBatchId, customIds);
    current.awaitDatabase(DATABASE_WAIT);
    try {
      return current.batches().track(batch).batch().id();
    } catch (DuplicateBatchException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /**
   * Holds back the job's scheduled runs, on every instance and across restarts: the flag is stored.
   * A run in progress finishes; a run asked for with {@link #runNow} still runs.
   *
   * @throws IllegalArgumentException when no job of that name was registered
   */
  public void pause(String jobName) {
    running(jobName).jobRuns().setPaused(jobName, true);
  }

  /**
   * Lets the job's scheduled runs go on.
   *
   * @throws IllegalArgumentException when no job of that name was registered
   */
  public void resume(String jobName) {
    running(jobName).jobRuns().setPaused(jobName, false);
  }

  /**
   * Gives the leadership up cleanly (runs in flight drained first); this instance does not take it
   * back for the step-down cool-down, so that another can.
   *
   * @throws IllegalStateException when this instance does not lead
   */
  public void stepDown() throws InterruptedException {
    Engine engine = current();
    if (engine == null) {
      throw new IllegalStateException("this Baton is not running");
    }
    try {
      engine.lifecycle().stepDown();
    } catch (NotLeaderException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /**
   * Stops: runs in flight drain (and are interrupted after the drain timeout), the lock is released
   * cleanly so that another instance takes over at once, the database is closed. Idempotent.
   */
  @Override
  public void close() {
    Engine stopping;
    synchronized (this) {
      closed = true;
      stopping = engine;
    }
    if (stopping != null) {
      stopping.close();
    }
  }

  private synchronized Engine current() {
    return closed ? null : engine;
  }

  /** The started engine, once {@code jobName} is known to be one of its jobs. */
  private Engine running(String jobName) {
    Engine current = current();
    if (current == null) {
      throw new IllegalStateException("this Baton is not running");
    }
    if (!current.jobs().knows(jobName)) {
      throw new IllegalArgumentException(new UnknownJobException(jobName).getMessage());
    }
    current.awaitDatabase(DATABASE_WAIT);
    return current;
  }

  /** How a {@link Baton} is put together; {@link #build()} does no I/O. */
  public static final class Builder {
    /** Baton's default advisory lock key (hex 0x12345678ABCDEF00). */
    public static final long DEFAULT_LOCK_KEY = 0x12345678ABCDEF00L;

    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,40}");

    private String postgresUrl;
    private DataSource postgresDataSource;
    private Path sqliteFile;
    private String schema = PostgresSettings.DEFAULT_SCHEMA;
    private long lockKey = DEFAULT_LOCK_KEY;
    private String instanceIdPrefix = "baton";
    private boolean migrate = true;
    private final List<LibraryConfig.JobSpec> jobs = new ArrayList<>();
    private final Set<String> jobNames = new LinkedHashSet<>();
    private final List<SchedulerEventsPort> listeners = new ArrayList<>();
    private Settings settings = Settings.defaults();
    private LlmBatches llmBatches;
    private final List<Consumer<CompletedBatch>> completions = new ArrayList<>();
    private WebhookSettings webhooks;

    private Builder() {}

    /**
     * PostgreSQL at {@code jdbcUrl}, through Baton's own small pool and a dedicated lock session
     * (each connection named after this instance, with server-side keepalives, so a vanished leader
     * is noticed within seconds).
     */
    public Builder postgres(String jdbcUrl) {
      Objects.requireNonNull(jdbcUrl, "jdbcUrl");
      if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
        throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + jdbcUrl.split("\\?")[0]);
      }
      this.postgresUrl = jdbcUrl;
      this.postgresDataSource = null;
      this.sqliteFile = null;
      return this;
    }

    /**
     * PostgreSQL through the application's own pool. Baton borrows one connection of it for its
     * lock session and one to hear clean releases, for as long as it runs (so the pool needs its
     * jobs' connections and two more); it configures them with {@code SET} (name, keepalives) and
     * resets them before it gives them back, and a connection that may still hold the lock is
     * aborted, never given back. The pool's other connections do not carry the instance's name, so
     * a new leader cannot tell whether this one is gone and waits the takeover grace after an
     * unclean end. {@link #postgres(String)} takes over faster.
     */
    public Builder postgres(DataSource dataSource) {
      this.postgresDataSource = Objects.requireNonNull(dataSource, "dataSource");
      this.postgresUrl = null;
      this.sqliteFile = null;
      return this;
    }

    /** One SQLite file: one node, no election (a second process on the file waits as follower). */
    public Builder sqlite(Path file) {
      this.sqliteFile = Objects.requireNonNull(file, "file");
      this.postgresUrl = null;
      this.postgresDataSource = null;
      return this;
    }

    /**
     * The PostgreSQL schema of Baton's tables ({@code baton} unless set), created if missing; an
     * existing schema such as {@code public} works too. Baton names it in every statement and never
     * changes a connection's {@code search_path}.
     */
    public Builder schema(String schema) {
      this.schema = PostgresSettings.requireSchemaName(schema);
      return this;
    }

    /**
     * The advisory lock key that elects the leader. Advisory locks are per database, not per
     * schema: two applications in one database need different keys.
     */
    public Builder lockKey(long lockKey) {
      this.lockKey = lockKey;
      return this;
    }

    /**
     * A prefix for this process's instance id (default {@code baton}); Baton appends a per-process
     * suffix, since two processes sharing an id would each look like the previous holder itself to
     * a new leader.
     */
    public Builder instanceId(String prefix) {
      if (prefix == null || !PREFIX.matcher(prefix).matches()) {
        throw new IllegalArgumentException(
            "an instance id prefix is 1 to 41 letters, digits, '_', '.' or '-': " + prefix);
      }
      this.instanceIdPrefix = prefix;
      return this;
    }

    /**
     * Whether Baton applies its own migrations at start (default true). Off for hosts that run
     * their own schema tooling: they apply Baton's SQL ({@code dev/baton/migration/…}) themselves.
     */
    public Builder migrate(boolean migrate) {
      this.migrate = migrate;
      return this;
    }

    /** A job without a timeout. */
    public Builder job(String name, Schedule schedule, Task task) {
      return addJob(name, schedule, Optional.empty(), task);
    }

    /** A job whose runs are interrupted and recorded {@code failed} after {@code timeout}. */
    public Builder job(String name, Schedule schedule, Duration timeout, Task task) {
      return addJob(name, schedule, Optional.of(Objects.requireNonNull(timeout, "timeout")), task);
    }

    private Builder addJob(String name, Schedule schedule, Optional<Duration> timeout, Task task) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(schedule, "schedule");
      Objects.requireNonNull(task, "task");
      // The scheduler's own checks (a blank name, a timeout that is not positive), made now.
      new JobDefinition(name, schedule.jobSchedule(), Duration.ZERO, timeout, context -> {});
      if (!jobNames.add(name)) {
        throw new IllegalArgumentException("two jobs named " + name);
      }
      jobs.add(new LibraryConfig.JobSpec(name, schedule.jobSchedule(), timeout, task));
      return this;
    }

    /**
     * Polls LLM provider batch jobs under the leadership too: the job {@code poll_llm_batches}.
     * Batches are handed over with {@link Baton#trackBatch}.
     */
    public Builder llmBatches(LlmBatches llmBatches) {
      this.llmBatches = Objects.requireNonNull(llmBatches, "llmBatches");
      return this;
    }

    /**
     * Called on the leader once a tracked batch took its final status, after its item results are
     * stored; at most once per batch (a crash between the commit and the call loses the call).
     * Listeners must be quick; one that throws is logged. May be repeated.
     */
    public Builder onBatchCompleted(Consumer<CompletedBatch> listener) {
      completions.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Sends a signed completion webhook (Standard Webhooks) to {@code url} when a tracked batch
     * takes its final status: written with that status in one transaction, delivered at least once
     * through any failover, with the same {@code webhook-id} on every attempt. Needs {@link
     * #llmBatches}. The URL is the service's own, so private addresses are allowed.
     *
     * @param secret {@code whsec_} and the base64 of at least 24 random bytes
     * @throws IllegalArgumentException for a URL that is not http(s) or a malformed secret
     */
    public Builder webhooks(String url, String secret) {
      this.webhooks = LibraryConfig.webhookSettings(url, secret);
      return this;
    }

    /** Receives what happens (leadership, runs, fencing), for metrics or logs; may be repeated. */
    public Builder events(SchedulerEventsPort listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /** The leadership's timings, {@link Settings#defaults()} unless given. */
    public Builder settings(Settings settings) {
      this.settings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /**
     * A Baton ready to start. No I/O.
     *
     * @throws IllegalStateException when no database was chosen or no job registered
     */
    public Baton build() {
      if (postgresUrl == null && postgresDataSource == null && sqliteFile == null) {
        throw new IllegalStateException(
            "choose a database: postgres(jdbcUrl), postgres(dataSource) or sqlite(path)");
      }
      if (jobs.isEmpty() && llmBatches == null) {
        throw new IllegalStateException(
            "register at least one job: job(name, schedule, task) or llmBatches(...)");
      }
      if ((!completions.isEmpty() || webhooks != null) && llmBatches == null) {
        throw new IllegalStateException(
            (webhooks != null ? "webhooks" : "onBatchCompleted") + "(...) needs llmBatches(...)");
      }
      return new Baton(
          new LibraryConfig(
                  postgresUrl,
                  postgresDataSource,
                  sqliteFile,
                  schema,
                  lockKey,
                  InstanceIds.next(instanceIdPrefix),
                  migrate,
                  List.copyOf(jobs),
                  List.copyOf(listeners),
                  settings,
                  Optional.ofNullable(llmBatches),
                  List.copyOf(completions),
                  Optional.ofNullable(webhooks))
              .engineConfig());
    }

    /**
     * {@link #build()}, then {@link Baton#start()}.
     *
     * @throws BatonStartException when the database settings are wrong
     */
    public Baton start() {
      return build().start();
    }
  }
}
