package dev.baton.adapters.postgres;

import java.util.Properties;

/**
 * The pgjdbc properties of Baton's two kinds of connection. Server-side settings travel in the
 * startup packet ({@code options}), so they hold from the first statement on and need no round
 * trip.
 */
final class ConnectionProperties {
  private ConnectionProperties() {}

  /**
   * The dedicated lock session: keepalives, user timeout and connection checks, so a vanished
   * holder loses the lock within seconds.
   */
  static Properties lockSession(PostgresSettings settings) {
    Properties properties = common(settings);
    properties.setProperty(
        "socketTimeout", String.valueOf(settings.lockSessionSocketTimeout().toSeconds()));
    properties.setProperty(
        "options",
        keepaliveOptions()
            + " -c tcp_user_timeout="
            + PostgresSettings.TCP_USER_TIMEOUT.toMillis()
            + " -c client_connection_check_interval="
            + PostgresSettings.CLIENT_CONNECTION_CHECK_INTERVAL.toMillis());
    return properties;
  }

  /**
   * The lock session's server settings as {@code SET} statements, for a connection borrowed from an
   * application's pool, whose startup packet Baton does not write.
   */
  static String lockSessionSettings(PostgresSettings settings) {
    return "set application_name = '"
        + settings.instanceId().value().replace("'", "''")
        + "'; set tcp_keepalives_idle = "
        + PostgresSettings.KEEPALIVE_IDLE_SECONDS
        + "; set tcp_keepalives_interval = "
        + PostgresSettings.KEEPALIVE_INTERVAL_SECONDS
        + "; set tcp_keepalives_count = "
        + PostgresSettings.KEEPALIVE_COUNT
        + "; set tcp_user_timeout = "
        + PostgresSettings.TCP_USER_TIMEOUT.toMillis()
        + "; set client_connection_check_interval = "
        + PostgresSettings.CLIENT_CONNECTION_CHECK_INTERVAL.toMillis();
  }

  /** Pool connections: keepalives, and no transaction left idle for long. */
  static Properties pool(PostgresSettings settings) {
    Properties properties = common(settings);
    properties.setProperty(
        "socketTimeout", String.valueOf(PostgresSettings.POOL_SOCKET_TIMEOUT.toSeconds()));
    properties.setProperty(
        "options",
        keepaliveOptions()
            + " -c idle_in_transaction_session_timeout="
            + PostgresSettings.IDLE_IN_TRANSACTION_TIMEOUT.toMillis());
    return properties;
  }

  private static Properties common(PostgresSettings settings) {
    Properties properties = new Properties();
    properties.setProperty("ApplicationName", settings.instanceId().value());
    properties.setProperty("tcpKeepAlive", "true");
    properties.setProperty(
        "connectTimeout", String.valueOf(PostgresSettings.CONNECT_TIMEOUT.toSeconds()));
    properties.setProperty(
        "loginTimeout", String.valueOf(PostgresSettings.CONNECT_TIMEOUT.toSeconds()));
    return properties;
  }

  private static String keepaliveOptions() {
    return "-c tcp_keepalives_idle="
        + PostgresSettings.KEEPALIVE_IDLE_SECONDS
        + " -c tcp_keepalives_interval="
        + PostgresSettings.KEEPALIVE_INTERVAL_SECONDS
        + " -c tcp_keepalives_count="
        + PostgresSettings.KEEPALIVE_COUNT;
  }
}
