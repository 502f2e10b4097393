package dev.baton.bootstrap.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads the configuration: environment variables first, then the optional properties file named by
 * {@code BATON_CONFIG_FILE}, then the defaults. Every value is validated here, so a bad one stops
 * startup with a {@link ConfigException} naming its key.
 */
public final class ConfigLoader {
  private final Map<String, String> environment;

  public ConfigLoader(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  public static ConfigLoader fromSystemEnvironment() {
    return new ConfigLoader(System.getenv());
  }

  /** The validated configuration, and the keys of the environment that Baton does not know. */
  public Loaded load() {
    Map<ConfigKey, String> raw = rawValues();
    ConfigValues values = new ConfigValues(raw);
    Duration heartbeatInterval = values.millis(ConfigKey.BATON_HEARTBEAT_INTERVAL_MS, 100);
    Duration heartbeatTimeout = values.millis(ConfigKey.BATON_HEARTBEAT_TIMEOUT_MS, 100);
    Duration takeoverGrace =
        values.isSet(ConfigKey.BATON_TAKEOVER_GRACE_MS)
            ? values.millis(ConfigKey.BATON_TAKEOVER_GRACE_MS, 0)
            : heartbeatInterval.plus(heartbeatTimeout).plusMillis(1000);
    Duration probeInterval = values.millis(ConfigKey.BATON_PROBE_JOB_INTERVAL_MS, 0);
    if (!probeInterval.isZero() && probeInterval.toMillis() < 10) {
      throw values.invalid(
          ConfigKey.BATON_PROBE_JOB_INTERVAL_MS, "0 (off) or a whole number at least 10");
    }
    String databaseUrl = values.databaseUrl(ConfigKey.BATON_DATABASE_URL);
    Optional<String> databaseUser =
        values.credential(ConfigKey.BATON_DATABASE_USER, databaseUrl, "user");
    Optional<BatonConfig.Secret> databasePassword =
        values
            .credential(ConfigKey.BATON_DATABASE_PASSWORD, databaseUrl, "password")
            .map(BatonConfig.Secret::new);
    String databaseSchema = values.databaseSchema(ConfigKey.BATON_DATABASE_SCHEMA);
    BatonConfig config =
        new BatonConfig(
            values.bool(ConfigKey.BATON_ENABLE_BATCH_JOB_POLLING),
            Duration.ofSeconds(
                values.integer(
                    ConfigKey.BATON_POLL_RUNNING_LLM_BATCHES_INTERVAL_SECONDS,
                    1,
                    Integer.MAX_VALUE)),
            Duration.ofSeconds(
                values.integer(
                    ConfigKey.BATON_POLL_LOCK_RETRY_INTERVAL_SECONDS, 1, Integer.MAX_VALUE)),
            values.integer(ConfigKey.BATON_BATCH_JOB_POLLING_LOOKBACK_WEEKS, 1, 520),
            values.isSet(ConfigKey.BATON_BATCH_JOB_POLLING_BATCH_SIZE)
                ? OptionalInt.of(
                    values.integer(
                        ConfigKey.BATON_BATCH_JOB_POLLING_BATCH_SIZE, 1, Integer.MAX_VALUE))
                : OptionalInt.empty(),
            Duration.ofHours(values.integer(ConfigKey.BATON_RESULTS_GIVE_UP_HOURS, 1, 8760)),
            databaseUrl,
            databaseUser,
            databasePassword,
            databaseSchema,
            values.lockKey(ConfigKey.BATON_LEADER_LOCK_KEY),
            values.acquireMode(ConfigKey.BATON_LEADER_ACQUIRE_MODE),
            heartbeatInterval,
            heartbeatTimeout,
            takeoverGrace,
            values.millis(ConfigKey.BATON_LOCK_WAIT_SLICE_MS, 100),
            Duration.ofSeconds(values.integer(ConfigKey.BATON_DRAIN_TIMEOUT_SECONDS, 0, 3600)),
            Duration.ofSeconds(
                values.integer(ConfigKey.BATON_STEP_DOWN_COOLDOWN_SECONDS, 0, 86_400)),
            Duration.ofSeconds(values.integer(ConfigKey.BATON_POLL_JITTER_SECONDS, 0, 86_400)),
            values.integer(ConfigKey.BATON_PROVIDER_CONCURRENCY, 1, 256),
            probeInterval,
            values.host(ConfigKey.BATON_HTTP_HOST),
            values.integer(ConfigKey.BATON_HTTP_PORT, 0, 65_535),
            values.secret(ConfigKey.BATON_ADMIN_TOKEN),
            values.secret(ConfigKey.BATON_READ_TOKEN),
            values.secret(ConfigKey.BATON_ANTHROPIC_API_KEY),
            values.httpUrl(ConfigKey.BATON_ANTHROPIC_BASE_URL),
            values.secret(ConfigKey.BATON_OPENAI_API_KEY),
            values.httpUrl(ConfigKey.BATON_OPENAI_BASE_URL),
            values.logFormat(ConfigKey.BATON_LOG_FORMAT),
            values.logLevel(ConfigKey.BATON_LOG_LEVEL),
            values.webhooks(),
            values.webhookSecret(ConfigKey.BATON_OPENAI_WEBHOOK_SECRET));
    return new Loaded(config, effectiveLine(raw), unknownEnvironmentKeys());
  }

  /** What was loaded: the configuration, its one-line summary, and unknown {@code BATON_} keys. */
  public record Loaded(BatonConfig config, String effectiveLine, Set<String> unknownKeys) {}

  private Map<ConfigKey, String> rawValues() {
    Properties file = readConfigFile();
    Map<ConfigKey, String> raw = new EnumMap<>(ConfigKey.class);
    for (ConfigKey key : ConfigKey.values()) {
      String value = lookUp(key.name(), file);
      Optional<String> secretFile = key.fileVariant().map(name -> lookUp(name, file));
      if (secretFile.isPresent()) {
        if (value != null) {
          throw new ConfigException(
              key.fileVariant().orElseThrow(),
              "set either " + key.name() + " or " + key.fileVariant().orElseThrow() + ", not both");
        }
        value = readSecretFile(key, secretFile.get());
      }
      if (value == null) {
        value = key.defaultValue().orElse(null);
      }
      if (value != null) {
        raw.put(key, value.trim());
      }
    }
    return raw;
  }

  /** The value of {@code name} in the environment, else in the properties file, else null. */
  private String lookUp(String name, Properties file) {
    String value = environment.get(name);
    return value != null ? value : file.getProperty(name);
  }

  /** A secret read from the file its {@code _FILE} variant names, without the final newline. */
  private static String readSecretFile(ConfigKey key, String location) {
    String fileKey = key.fileVariant().orElseThrow();
    if (location.isBlank()) {
      throw new ConfigException(
          fileKey, "must not be empty; it names a file holding " + key.name());
    }
    Path path = Path.of(location.trim());
    String value;
    try {
      value = Files.readString(path, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new ConfigException(
          fileKey, "cannot read " + path + " (" + e.getClass().getSimpleName() + ")");
    }
    if (value.isEmpty()) {
      throw new ConfigException(fileKey, path + " is empty; it must hold " + key.name());
    }
    return value;
  }

  private Properties readConfigFile() {
    Properties properties = new Properties();
    String location = environment.get(ConfigKey.CONFIG_FILE);
    if (location == null || location.isBlank()) {
      return properties;
    }
    Path path = Path.of(location);
    try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new ConfigException(
          ConfigKey.CONFIG_FILE,
          "cannot read properties file " + path + " (" + e.getMessage() + ")");
    }
    Set<String> unknown = new TreeSet<>(properties.stringPropertyNames());
    unknown.removeAll(ConfigKey.namesWithFileVariants());
    if (!unknown.isEmpty()) {
      throw new ConfigException(
          ConfigKey.CONFIG_FILE,
          path + " sets unknown key(s) " + unknown + "; see docs/configuration.md for the keys");
    }
    return properties;
  }

  private Set<String> unknownEnvironmentKeys() {
    Set<String> unknown = new TreeSet<>();
    for (String name : environment.keySet()) {
      if (name.startsWith("BATON_")
          && !name.equals(ConfigKey.CONFIG_FILE)
          && !name.startsWith("BATON_TEST_")
          && !ConfigKey.namesWithFileVariants().contains(name)) {
        unknown.add(name);
      }
    }
    return unknown;
  }

  private static String effectiveLine(Map<ConfigKey, String> raw) {
    return java.util.Arrays.stream(ConfigKey.values())
        .map(
            key -> {
              String value = raw.get(key);
              String shown =
                  value == null ? "<unset>" : key.isSecret() ? "****" : maskPassword(value);
              return key.name() + "=" + shown;
            })
        .collect(Collectors.joining(" "));
  }

  /** Hides a password given in a JDBC URL, as a parameter or as {@code user:password@}. */
  public static String maskPassword(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1****")
        .replaceAll("//([^/:@]+):[^/@]*@", "//$1:****@");
  }
}
