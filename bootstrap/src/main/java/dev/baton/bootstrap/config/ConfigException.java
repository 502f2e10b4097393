package dev.baton.bootstrap.config;

/** An invalid configuration value; its message is one line naming the key and what is accepted. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String key;

  public ConfigException(String key, String problem) {
    super(key + ": " + problem);
    this.key = key;
  }

  public ConfigException(ConfigKey key, String problem) {
    this(key.name(), problem);
  }

  public String key() {
    return key;
  }
}
