package dev.baton.testsupport.postgres;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URLEncoder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import org.postgresql.Driver;

/**
 * A PostgreSQL JDBC URL taken apart, so the database can be swapped while the hosts and every query
 * parameter (user, password, sslmode, options, ...) are kept.
 *
 * <p>Parsing is left to pgjdbc itself, so whatever the driver accepts is read the way the driver
 * would read it (multiple hosts, IPv6 literals, percent-encoded values).
 */
record PostgresUrl(List<String> hostPorts, String database, SortedMap<String, String> parameters) {

  private static final String PREFIX = "jdbc:postgresql://";

  /** Used when the URL names no database: it exists on every server, unlike pgjdbc's default. */
  static final String DEFAULT_DATABASE = "postgres";

  PostgresUrl {
    hostPorts = List.copyOf(hostPorts);
    parameters = Collections.unmodifiableSortedMap(new TreeMap<>(parameters));
  }

  static PostgresUrl of(String host, int port, String database, Map<String, String> parameters) {
    return new PostgresUrl(List.of(host + ":" + port), database, new TreeMap<>(parameters));
  }

  /**
   * @throws IllegalArgumentException if pgjdbc does not accept the URL; the message leaves out the
   *     query string, which may hold a password
   */
  static PostgresUrl parse(String jdbcUrl) {
    String trimmed = jdbcUrl.strip();
    Properties parsed = Driver.parseURL(trimmed, null);
    if (parsed == null) {
      throw new IllegalArgumentException(
          "not a PostgreSQL JDBC URL (expected jdbc:postgresql://host:port/database?user=...): "
              + withoutQuery(trimmed));
    }
    String[] hosts = parsed.getProperty("PGHOST", "").split(",", -1);
    String[] ports = parsed.getProperty("PGPORT", "").split(",", -1);
    List<String> hostPorts = new ArrayList<>();
    for (int i = 0; i < hosts.length; i++) {
      String host = hosts[i].isEmpty() ? "localhost" : hosts[i];
      String port = i < ports.length && !ports[i].isEmpty() ? ports[i] : "5432";
      hostPorts.add(host + ":" + port);
    }
    String database = parsed.getProperty("PGDBNAME", "");
    SortedMap<String, String> parameters = new TreeMap<>();
    for (String key : parsed.stringPropertyNames()) {
      if (!key.equals("PGHOST") && !key.equals("PGPORT") && !key.equals("PGDBNAME")) {
        parameters.put(key, parsed.getProperty(key));
      }
    }
    return new PostgresUrl(hostPorts, database.isEmpty() ? DEFAULT_DATABASE : database, parameters);
  }

  PostgresUrl withDatabase(String name) {
    return new PostgresUrl(hostPorts, name, parameters);
  }

  String toJdbcUrl() {
    return render(parameters);
  }

  /** For log lines and error messages. */
  String redacted() {
    SortedMap<String, String> shown = new TreeMap<>(parameters);
    shown.replaceAll((key, value) -> key.equalsIgnoreCase("password") ? "***" : value);
    return render(shown);
  }

  @Override
  public String toString() {
    return redacted();
  }

  private String render(SortedMap<String, String> params) {
    StringBuilder url =
        new StringBuilder(PREFIX)
            .append(String.join(",", hostPorts))
            .append('/')
            .append(URLEncoder.encode(database, UTF_8));
    char separator = '?';
    for (Map.Entry<String, String> parameter : params.entrySet()) {
      url.append(separator)
          .append(URLEncoder.encode(parameter.getKey(), UTF_8))
          .append('=')
          .append(URLEncoder.encode(parameter.getValue(), UTF_8));
      separator = '&';
    }
    return url.toString();
  }

  private static String withoutQuery(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query) + "?...";
  }
}
