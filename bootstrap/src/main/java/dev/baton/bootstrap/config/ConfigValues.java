package dev.baton.bootstrap.config;

import dev.baton.adapters.postgres.PostgresSettings;
import dev.baton.application.AcquireMode;
import dev.baton.application.webhook.HostResolver;
import dev.baton.application.webhook.WebhookDestinationPolicy;
import dev.baton.application.webhook.WebhookDestinationRefusedException;
import dev.baton.application.webhook.WebhookSecret;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Typed access to the raw values; each parser names the key and what it accepts. */
final class ConfigValues {
  private final Map<ConfigKey, String> raw;

  ConfigValues(Map<ConfigKey, String> raw) {
    this.raw = raw;
  }

  boolean isSet(ConfigKey key) {
    String value = raw.get(key);
    return value != null && !value.isEmpty();
  }

  ConfigException invalid(ConfigKey key, String accepted) {
    return new ConfigException(key, "'" + raw.get(key) + "' is not valid; expected " + accepted);
  }

  String text(ConfigKey key) {
    if (!isSet(key)) {
      throw new ConfigException(key, "must not be empty");
    }
    return raw.get(key);
  }

  boolean bool(ConfigKey key) {
    String value = text(key).toLowerCase(Locale.ROOT);
    if (value.equals("true")) {
      return true;
    }
    if (value.equals("false")) {
      return false;
    }
    throw invalid(key, "true or false");
  }

  int integer(ConfigKey key, int min, int max) {
    String accepted =
        max == Integer.MAX_VALUE
            ? "a whole number at least " + min
            : "a whole number from " + min + " to " + max;
    try {
      long value = Long.parseLong(text(key));
      if (value < min || value > max) {
        throw invalid(key, accepted);
      }
      return (int) value;
    } catch (NumberFormatException e) {
      throw invalid(key, accepted);
    }
  }

  Duration millis(ConfigKey key, int min) {
    return Duration.ofMillis(integer(key, min, Integer.MAX_VALUE));
  }

  long lockKey(ConfigKey key) {
    String value = text(key);
    try {
      if (value.startsWith("0x") || value.startsWith("0X")) {
        return Long.parseUnsignedLong(value.substring(2), 16);
      }
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw invalid(key, "a 64-bit key in hex (0x12345678ABCDEF00) or decimal");
    }
  }

  AcquireMode acquireMode(ConfigKey key) {
    try {
      return AcquireMode.fromWire(text(key));
    } catch (IllegalArgumentException e) {
      throw invalid(key, "wait or poll");
    }
  }

  BatonConfig.LogFormat logFormat(ConfigKey key) {
    return switch (text(key).toLowerCase(Locale.ROOT)) {
      case "text" -> BatonConfig.LogFormat.TEXT;
      case "json" -> BatonConfig.LogFormat.JSON;
      default -> throw invalid(key, "text or json");
    };
  }

  BatonConfig.LogLevel logLevel(ConfigKey key) {
    try {
      return BatonConfig.LogLevel.valueOf(text(key).toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw invalid(key, "TRACE, DEBUG, INFO, WARN or ERROR");
    }
  }

  /**
   * An IP address or a host name, checked for its form only: whether it is this machine's shows
   * when the server binds it.
   */
  String host(ConfigKey key) {
    String value = text(key);
    if (value.matches("[0-9.]+")) {
      String[] octets = value.split("\\.", -1);
      boolean valid = octets.length == 4;
      for (String octet : octets) {
        valid &= !octet.isEmpty() && octet.length() <= 3 && Integer.parseInt(octet) <= 255;
      }
      if (!valid) {
        throw invalid(key, "an IPv4 address (four numbers from 0 to 255, such as 127.0.0.1)");
      }
      return value;
    }
    boolean ipv6 = value.contains(":") && value.matches("[0-9A-Fa-f:.]+");
    boolean hostName =
        value.length() <= 253
            && value.matches(
                "([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    if (!ipv6 && !hostName) {
      throw invalid(key, "an IP address or a host name, such as 127.0.0.1, 0.0.0.0 or ::1");
    }
    return value;
  }

  /**
   * A database user or password given beside the URL: for PostgreSQL only, and not both here and in
   * the URL, so that nobody has to know which one wins.
   */
  Optional<String> credential(ConfigKey key, String databaseUrl, String urlParameter) {
    if (!isSet(key)) {
      return Optional.empty();
    }
    if (!databaseUrl.startsWith("jdbc:postgresql:")) {
      throw new ConfigException(key, "is for PostgreSQL; BATON_DATABASE_URL names SQLite");
    }
    if (databaseUrl.matches("(?i).*[?&]" + urlParameter + "=.*")) {
      throw new ConfigException(
          key, "BATON_DATABASE_URL names a " + urlParameter + " too; give it in one place");
    }
    return Optional.of(raw.get(key));
  }

  /** Baton's PostgreSQL schema: a plain lowercase identifier (SQLite has no schemas to pick). */
  String databaseSchema(ConfigKey key) {
    String value = text(key);
    try {
      return PostgresSettings.requireSchemaName(value);
    } catch (IllegalArgumentException e) {
      throw invalid(key, "a lowercase letter or _, then up to 62 lowercase letters, digits or _");
    }
  }

  String databaseUrl(ConfigKey key) {
    String value = text(key);
    if (value.startsWith("jdbc:sqlite:") && value.length() > "jdbc:sqlite:".length()) {
      return value;
    }
    if (value.startsWith("jdbc:postgresql:")) {
      return value;
    }
    throw new ConfigException(
        key,
        "'"
            + ConfigLoader.maskPassword(value)
            + "' is not valid; expected jdbc:sqlite:FILE or jdbc:postgresql://HOST[:PORT]/DATABASE");
  }

  Optional<BatonConfig.Secret> secret(ConfigKey key) {
    return isSet(key) ? Optional.of(new BatonConfig.Secret(raw.get(key))) : Optional.empty();
  }

  BatonConfig.WebhookConfig webhooks() {
    boolean allowPrivate = bool(ConfigKey.BATON_WEBHOOK_ALLOW_PRIVATE_ADDRESSES);
    Optional<BatonConfig.Secret> secret = secret(ConfigKey.BATON_WEBHOOK_SECRET);
    if (secret.isPresent()) {
      try {
        WebhookSecret.parse(secret.get().value());
      } catch (IllegalArgumentException e) {
        throw new ConfigException(ConfigKey.BATON_WEBHOOK_SECRET, e.getMessage());
      }
    }
    Optional<String> url = Optional.empty();
    if (isSet(ConfigKey.BATON_WEBHOOK_URL)) {
      try {
        url =
            Optional.of(
                new WebhookDestinationPolicy(allowPrivate, HostResolver.system())
                    .check(raw.get(ConfigKey.BATON_WEBHOOK_URL))
                    .toString());
      } catch (WebhookDestinationRefusedException e) {
        throw new ConfigException(ConfigKey.BATON_WEBHOOK_URL, "the URL " + e.getMessage());
      }
      if (secret.isEmpty()) {
        throw new ConfigException(
            ConfigKey.BATON_WEBHOOK_URL,
            "needs BATON_WEBHOOK_SECRET (or BATON_WEBHOOK_SECRET_FILE) to sign the webhooks;"
                + " set one (whsec_ + base64 of at least 24 bytes)");
      }
    }
    return new BatonConfig.WebhookConfig(
        url,
        secret,
        integer(ConfigKey.BATON_WEBHOOK_CONCURRENCY, 1, 256),
        allowPrivate,
        isSet(ConfigKey.BATON_PUBLIC_BASE_URL)
            ? Optional.of(httpUrl(ConfigKey.BATON_PUBLIC_BASE_URL))
            : Optional.empty());
  }

  /** A Standard Webhooks signing secret; the message never quotes it. */
  Optional<WebhookSecret> webhookSecret(ConfigKey key) {
    if (!isSet(key)) {
      return Optional.empty();
    }
    try {
      return Optional.of(WebhookSecret.parse(raw.get(key)));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key, e.getMessage());
    }
  }

  URI httpUrl(ConfigKey key) {
    try {
      URI uri = new URI(text(key));
      if (uri.getHost() == null
          || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
        throw invalid(key, "an http(s) URL such as " + key.defaultValue().orElse("https://…"));
      }
      return uri;
    } catch (URISyntaxException e) {
      throw invalid(key, "an http(s) URL such as " + key.defaultValue().orElse("https://…"));
    }
  }
}
