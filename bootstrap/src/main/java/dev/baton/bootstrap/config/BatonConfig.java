package dev.baton.bootstrap.config;

import dev.baton.application.AcquireMode;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Baton's validated configuration; see {@link ConfigKey} for each value's meaning. */
public record BatonConfig(
    boolean pollingEnabled,
    Duration pollInterval,
    Duration pollLockRetryInterval,
    int lookbackWeeks,
    OptionalInt batchSize,
    String databaseUrl,
    Optional<String> databaseUser,
    Optional<Secret> databasePassword,
    String databaseSchema,
    long leaderLockKey,
    AcquireMode acquireMode,
    Duration heartbeatInterval,
    Duration heartbeatTimeout,
    Duration takeoverGrace,
    Duration lockWaitSlice,
    Duration drainTimeout,
    Duration stepDownCooldown,
    Duration pollJitter,
    int providerConcurrency,
    Duration probeJobInterval,
    String httpHost,
    int httpPort,
    Optional<Secret> adminToken,
    Optional<Secret> readToken,
    Optional<Secret> anthropicApiKey,
    URI anthropicBaseUrl,
    Optional<Secret> openAiApiKey,
    URI openAiBaseUrl,
    LogFormat logFormat,
    LogLevel logLevel) {

  public enum LogFormat {
    TEXT,
    JSON
  }

  /** The least severe level logged. */
  public enum LogLevel {
    TRACE,
    DEBUG,
    INFO,
    WARN,
    ERROR
  }

  /** The database family, from the scheme of {@link #databaseUrl}. */
  public enum Backend {
    SQLITE,
    POSTGRES;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public Backend backend() {
    return databaseUrl.startsWith("jdbc:postgresql:") ? Backend.POSTGRES : Backend.SQLITE;
  }

  /** Whether the probe job is on. */
  public boolean probeJobEnabled() {
    return !probeJobInterval.isZero();
  }

  /**
   * Every secret value configured, whatever its key: read off the components, so a secret key added
   * later is masked in provider errors without anyone remembering to list it here.
   */
  public List<String> secretValues() {
    List<String> values = new ArrayList<>();
    for (RecordComponent component : BatonConfig.class.getRecordComponents()) {
      Object value;
      try {
        value = component.getAccessor().invoke(this);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("a record's accessor cannot fail", e);
      }
      if (value instanceof Optional<?> optional) {
        value = optional.orElse(null);
      }
      if (value instanceof Secret secret) {
        values.add(secret.value());
      }
    }
    return values;
  }

  /** A value that is never printed: {@link #toString} masks it. */
  public record Secret(String value) {
    @Override
    public String toString() {
      return "****";
    }
  }
}
