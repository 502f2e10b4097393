package dev.baton.bootstrap.config;

import dev.baton.adapters.http.HttpServerSettings;
import dev.baton.adapters.postgres.PostgresSettings;
import dev.baton.adapters.sqlite.SqliteDatabase;
import dev.baton.application.PollLlmBatchesJob;
import dev.baton.application.SchedulerSettings;
import dev.baton.application.webhook.WebhookSettings;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Every configuration key Baton reads, with its default and meaning. {@code docs/configuration.md}
 * is checked against this list by a test. A default that a settings record also holds is taken from
 * its {@code DEFAULT_*} constant, so it is written once.
 *
 * <p>A secret key also has a {@code _FILE} variant that names a file holding the value (the
 * container convention for mounted secrets); marking a key secret is all it takes.
 */
public enum ConfigKey {
  BATON_ENABLE_BATCH_JOB_POLLING("true", "Run the scheduled jobs at all (`true` or `false`)."),
  BATON_POLL_RUNNING_LLM_BATCHES_INTERVAL_SECONDS(
      "300", "Seconds between two runs of `poll_llm_batches` (whole number ≥ 1)."),
  BATON_POLL_LOCK_RETRY_INTERVAL_SECONDS(
      seconds(SchedulerSettings.DEFAULT_POLL_LOCK_RETRY_INTERVAL),
      "In `poll` acquire mode, seconds between two lock attempts of a follower (≥ 1)."),
  BATON_BATCH_JOB_POLLING_LOOKBACK_WEEKS(
      "2", "Only batches created within this many weeks are polled (whole number ≥ 1)."),
  BATON_BATCH_JOB_POLLING_BATCH_SIZE(
      null, "At most this many batches per poll cycle (whole number ≥ 1); unset = unlimited."),
  BATON_RESULTS_GIVE_UP_HOURS(
      String.valueOf(PollLlmBatchesJob.Settings.DEFAULT_RESULTS_GIVE_UP.toHours()),
      "Hours an ended batch's results may stay gone at the provider (404 or 410: archived,"
          + " expired) before the batch takes status `failed` (1–8760)."),
  BATON_DATABASE_URL(
      SqliteDatabase.DEFAULT_URL,
      "JDBC URL of the database: `jdbc:sqlite:FILE` (one node) or `jdbc:postgresql://…` (a"
          + " cluster)."),
  BATON_DATABASE_USER(
      null, "PostgreSQL user, beside a `BATON_DATABASE_URL` that names none; unset = the URL's."),
  BATON_DATABASE_PASSWORD(
      null,
      "PostgreSQL password, beside a `BATON_DATABASE_URL` that names none; unset = the URL's.",
      true),
  BATON_DATABASE_SCHEMA(
      PostgresSettings.DEFAULT_SCHEMA,
      "PostgreSQL schema that holds Baton's tables, created if missing (lowercase letters, digits,"
          + " `_`); an existing schema such as `public` works too. Unused with SQLite."),
  BATON_LEADER_LOCK_KEY(
      "0x12345678ABCDEF00",
      "The advisory lock key that elects the leader, hex (`0x…`) or decimal; all instances of one"
          + " cluster use the same key."),
  BATON_LEADER_ACQUIRE_MODE(
      "wait",
      "`wait`: followers block on the lock and take over the moment it is free; `poll`: they try"
          + " every `BATON_POLL_LOCK_RETRY_INTERVAL_SECONDS`."),
  BATON_HEARTBEAT_INTERVAL_MS(
      millis(SchedulerSettings.DEFAULT_HEARTBEAT_INTERVAL),
      "Milliseconds between two checks by the leader that it still holds the lock (≥ 100)."),
  BATON_HEARTBEAT_TIMEOUT_MS(
      millis(SchedulerSettings.DEFAULT_HEARTBEAT_TIMEOUT),
      "A lease check without answer after this many milliseconds stops the jobs (≥ 100)."),
  BATON_TAKEOVER_GRACE_MS(
      null,
      "After an unclean takeover, milliseconds a new leader waits before its jobs start when the"
          + " old leader may still be alive; unset = heartbeat interval + heartbeat timeout + 1000."),
  BATON_LOCK_WAIT_SLICE_MS(
      millis(SchedulerSettings.DEFAULT_LOCK_WAIT_SLICE),
      "In `wait` mode, a follower's lock wait is renewed after this many milliseconds (≥ 100)."),
  BATON_DRAIN_TIMEOUT_SECONDS(
      seconds(SchedulerSettings.DEFAULT_DRAIN_TIMEOUT),
      "On shutdown or step-down, seconds to wait for runs in flight before interrupting them."),
  BATON_STEP_DOWN_COOLDOWN_SECONDS(
      seconds(SchedulerSettings.DEFAULT_STEP_DOWN_COOLDOWN),
      "After a step-down, seconds during which this instance does not take the leadership back."),
  BATON_POLL_JITTER_SECONDS(
      "10",
      "Random delay of up to this many seconds added to each run (never more than 10 % of the"
          + " interval)."),
  BATON_PROVIDER_CONCURRENCY("16", "Provider calls in flight at once while polling (1–256)."),
  BATON_PROBE_JOB_INTERVAL_MS(
      "0", "Interval of the `probe` job, which only records its runs; 0 = off, else ≥ 10."),
  BATON_HTTP_HOST(
      HttpServerSettings.DEFAULT_HOST,
      "Address the HTTP server binds: an IP address of this machine or a host name."),
  BATON_HTTP_PORT(
      String.valueOf(HttpServerSettings.DEFAULT_PORT),
      "Port of the HTTP server (0–65535; 0 = any free port)."),
  BATON_ADMIN_TOKEN(
      null,
      "Bearer token every `POST` endpoint requires, and that also reads batches; unset = every"
          + " mutating endpoint refuses.",
      true),
  BATON_READ_TOKEN(
      null,
      "Bearer token for the batch reads (`GET /v1/batches…`, deliveries), never for a `POST`;"
          + " unset with no admin token = batch reads open, allowed on a loopback"
          + " `BATON_HTTP_HOST` only.",
      true),
  BATON_ANTHROPIC_API_KEY(null, "API key for Anthropic Message Batches.", true),
  BATON_ANTHROPIC_BASE_URL("https://api.anthropic.com", "Base URL of the Anthropic API."),
  BATON_OPENAI_API_KEY(null, "API key for the OpenAI Batch API.", true),
  BATON_OPENAI_BASE_URL("https://api.openai.com/v1", "Base URL of the OpenAI API."),
  BATON_WEBHOOK_URL(
      null,
      "Where completion webhooks go: an `http` or `https` URL; a batch's own `webhookUrl`"
          + " replaces it. Needs `BATON_WEBHOOK_SECRET`; unset = only batches that name a URL"
          + " get a webhook."),
  BATON_WEBHOOK_SECRET(
      null,
      "Signing secret of completion webhooks: `whsec_` + the base64 of at least 24 random bytes"
          + " (Standard Webhooks). Required by any webhook URL, global or per batch.",
      true),
  BATON_WEBHOOK_CONCURRENCY(
      String.valueOf(WebhookSettings.DEFAULT_CONCURRENCY),
      "Webhook deliveries in flight at once (1–256)."),
  BATON_WEBHOOK_ALLOW_PRIVATE_ADDRESSES(
      "false",
      "`true` lets webhooks go to loopback, private, link-local and other internal addresses,"
          + " which are refused otherwise (`true` or `false`)."),
  BATON_PUBLIC_BASE_URL(
      null,
      "Baton's address as webhook receivers reach it, such as `https://baton.example.com`: the"
          + " `itemsUrl` of a webhook is absolute under it; unset = relative (`/v1/batches/…`)."),
  BATON_OPENAI_WEBHOOK_SECRET(
      null,
      "Signing secret (`whsec_…`) of the webhook endpoint registered in OpenAI's dashboard;"
          + " unset = `POST /v1/providers/openai/webhooks` answers 404.",
      true),
  BATON_LOG_FORMAT(
      "text", "`text` for people, `json` for log pipelines (one JSON object a line); any case."),
  BATON_LOG_LEVEL(
      "INFO",
      "The least severe level logged: `TRACE`, `DEBUG`, `INFO`, `WARN` or `ERROR`; any case.");

  private final String defaultValue;
  private final String description;
  private final boolean secret;

  ConfigKey(String defaultValue, String description) {
    this(defaultValue, description, false);
  }

  ConfigKey(String defaultValue, String description, boolean secret) {
    this.defaultValue = defaultValue;
    this.description = description;
    this.secret = secret;
  }

  public Optional<String> defaultValue() {
    return Optional.ofNullable(defaultValue);
  }

  public String description() {
    return description;
  }

  public boolean isSecret() {
    return secret;
  }

  /**
   * The key naming a file that holds this secret's value ({@code KEY_FILE}); empty if no secret.
   */
  public Optional<String> fileVariant() {
    return secret ? Optional.of(name() + FILE_SUFFIX) : Optional.empty();
  }

  private static final String FILE_SUFFIX = "_FILE";

  private static String millis(Duration duration) {
    return String.valueOf(duration.toMillis());
  }

  private static String seconds(Duration duration) {
    return String.valueOf(duration.toSeconds());
  }

  /** The key that names the optional properties file; it is read from the environment only. */
  public static final String CONFIG_FILE = "BATON_CONFIG_FILE";

  public static List<String> names() {
    return Arrays.stream(values()).map(Enum::name).toList();
  }

  /** Every name Baton reads: the keys and the {@code _FILE} variants of the secret ones. */
  public static List<String> namesWithFileVariants() {
    return Arrays.stream(values())
        .flatMap(key -> Stream.concat(Stream.of(key.name()), key.fileVariant().stream()))
        .toList();
  }
}
