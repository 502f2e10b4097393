package dev.baton.benchmarks.takeover;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URLEncoder;
import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.postgresql.Driver;

/**
 * A PostgreSQL JDBC URL on this machine, taken apart so that its database can be swapped while the
 * user and every other parameter are kept.
 *
 * <p>Only loopback hosts are accepted: the benchmark kills sessions and creates and drops
 * databases, which it must never do to a server elsewhere. Parsing is left to pgjdbc so the URL is
 * read the way the driver reads it.
 */
public record LocalPostgresUrl(
    String host, int port, String database, SortedMap<String, String> params) {

  private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.\\d{1,3}){3}");

  public LocalPostgresUrl {
    params = new TreeMap<>(params);
  }

  /**
   * @throws IllegalArgumentException when pgjdbc rejects the URL, it names several hosts, or its
   *     host is not a loopback address; the message leaves out the query, which may hold a password
   */
  public static LocalPostgresUrl parse(String jdbcUrl) {
    Properties parsed = Driver.parseURL(jdbcUrl.strip(), null);
    if (parsed == null) {
      throw new IllegalArgumentException(
          "not a PostgreSQL JDBC URL (jdbc:postgresql://127.0.0.1:5432/postgres?user=...): "
              + withoutQuery(jdbcUrl));
    }
    String given = parsed.getProperty("PGHOST", "");
    String host = given.isEmpty() ? "localhost" : given; // pgjdbc's default
    String port = parsed.getProperty("PGPORT", "5432");
    if (host.contains(",") || port.contains(",")) {
      throw new IllegalArgumentException(
          "the benchmark needs exactly one PostgreSQL host: " + withoutQuery(jdbcUrl));
    }
    if (!isLoopback(host)) {
      throw new IllegalArgumentException(
          "the benchmark kills sessions and drops databases, so it only runs against PostgreSQL on"
              + " this machine (localhost, 127.0.0.1 or [::1]), not "
              + host);
    }
    SortedMap<String, String> params = new TreeMap<>();
    for (String key : parsed.stringPropertyNames()) {
      if (!key.equals("PGHOST") && !key.equals("PGPORT") && !key.equals("PGDBNAME")) {
        params.put(key, parsed.getProperty(key));
      }
    }
    String database = parsed.getProperty("PGDBNAME", "");
    return new LocalPostgresUrl(
        host, Integer.parseInt(port), database.isEmpty() ? "postgres" : database, params);
  }

  static boolean isLoopback(String host) {
    String bare =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    return bare.equalsIgnoreCase("localhost")
        || IPV4_LOOPBACK.matcher(bare).matches()
        || bare.equals("::1")
        || bare.equalsIgnoreCase("0:0:0:0:0:0:0:1");
  }

  LocalPostgresUrl withDatabase(String name) {
    return new LocalPostgresUrl(host, port, name, params);
  }

  /** The same database reached through another address: a process's own TCP proxy. */
  LocalPostgresUrl through(String proxyHost, int proxyPort) {
    return new LocalPostgresUrl(proxyHost, proxyPort, database, params);
  }

  /**
   * Without {@code ApplicationName}: Baton names every session after its instance, and a new leader
   * tells a dead predecessor from a live one by that name.
   */
  LocalPostgresUrl forBatonInstances() {
    SortedMap<String, String> kept = new TreeMap<>(params);
    kept.keySet().removeIf(key -> key.equalsIgnoreCase("ApplicationName"));
    return new LocalPostgresUrl(host, port, database, kept);
  }

  public String jdbcUrl() {
    return render(params);
  }

  /** For output: a password is masked. */
  String redacted() {
    SortedMap<String, String> shown = new TreeMap<>(params);
    shown.replaceAll((key, value) -> key.equalsIgnoreCase("password") ? "***" : value);
    return render(shown);
  }

  @Override
  public String toString() {
    return redacted();
  }

  private String render(SortedMap<String, String> shown) {
    StringBuilder url =
        new StringBuilder("jdbc:postgresql://")
            .append(host)
            .append(':')
            .append(port)
            .append('/')
            .append(URLEncoder.encode(database, UTF_8));
    char separator = '?';
    for (Map.Entry<String, String> param : shown.entrySet()) {
      url.append(separator)
          .append(URLEncoder.encode(param.getKey(), UTF_8))
          .append('=')
          .append(URLEncoder.encode(param.getValue(), UTF_8));
      separator = '&';
    }
    return url.toString();
  }

  private static String withoutQuery(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query) + "?...";
  }
}
