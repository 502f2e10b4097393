package dev.baton.adapters.sqlite;

import java.nio.file.Path;
import java.util.Locale;

/** What a {@code jdbc:sqlite:} URL points at: a database file, or memory only. */
record SqliteUrl(String jdbcUrl, Path file) {
  static final String PREFIX = "jdbc:sqlite:";

  static SqliteUrl parse(String jdbcUrl) {
    if (jdbcUrl == null || !jdbcUrl.startsWith(PREFIX)) {
      throw new IllegalArgumentException(
          "not a SQLite JDBC URL: '"
              + jdbcUrl
              + "'; accepted: jdbc:sqlite:<path>, jdbc:sqlite:file:<path>, jdbc:sqlite::memory:");
    }
    String target = jdbcUrl.substring(PREFIX.length());
    int query = target.indexOf('?');
    String parameters = query < 0 ? "" : target.substring(query + 1);
    String name = query < 0 ? target : target.substring(0, query);
    if (name.startsWith("file:")) {
      name = withoutAuthority(name.substring("file:".length()));
    }
    if (name.isEmpty() || name.startsWith(":memory:") || isMemoryMode(parameters)) {
      return new SqliteUrl(jdbcUrl, null);
    }
    if (name.startsWith(":")) {
      throw new IllegalArgumentException(
          "unsupported SQLite database '" + name + "' in " + jdbcUrl + "; use a file path");
    }
    return new SqliteUrl(jdbcUrl, Path.of(name).toAbsolutePath().normalize());
  }

  boolean inMemory() {
    return file == null;
  }

  private static String withoutAuthority(String uriPath) {
    if (!uriPath.startsWith("//")) {
      return uriPath;
    }
    int pathStart = uriPath.indexOf('/', 2);
    return pathStart < 0 ? "" : uriPath.substring(pathStart);
  }

  private static boolean isMemoryMode(String parameters) {
    for (String parameter : parameters.split("&")) {
      if (parameter.toLowerCase(Locale.ROOT).equals("mode=memory")) {
        return true;
      }
    }
    return false;
  }
}
