package dev.baton.bootstrap.config;

import dev.baton.application.AcquireMode;
import dev.baton.application.webhook.WebhookSecret;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

/** Baton's validated configuration; see {@link ConfigKey} for each value's meaning. */
public record BatonConfig(
    boolean pollingEnabled,
    Duration pollInterval,
    Duration pollLockRetryInterval,
    int lookbackWeeks,
    OptionalInt batchSize,
    Duration resultsGiveUp,
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
    LogLevel logLevel,
    WebhookConfig webhooks,
    Optional<WebhookSecret> openAiWebhookSecret) {

  /**
   * Completion webhooks: {@link #secret} is set whenever {@link #url} is, and the URL passed the
   * destination check.
   */
  public record WebhookConfig(
      Optional<String> url,
      Optional<Secret> secret,
      int concurrency,
      boolean allowPrivateAddresses,
      Optional<URI> publicBaseUrl) {}

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
   * Every secret value configured, to be masked wherever a provider might echo one back (a test
   * sets every secret {@link ConfigKey} and finds each value here).
   */
  public List<String> secretValues() {
    List<String> values = new ArrayList<>();
    Stream.of(
            databasePassword,
            adminToken,
            readToken,
            anthropicApiKey,
            openAiApiKey,
            webhooks.secret())
        .flatMap(Optional::stream)
        .map(Secret::value)
        .forEach(values::add);
    openAiWebhookSecret.map(WebhookSecret::encoded).ifPresent(values::add);
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
