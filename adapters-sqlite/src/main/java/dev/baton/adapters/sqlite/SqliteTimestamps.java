package dev.baton.adapters.sqlite;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The one spelling of a timestamp in Baton's SQLite tables: ISO-8601 UTC with exactly three
 * fraction digits, so that text order is time order.
 */
final class SqliteTimestamps {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private SqliteTimestamps() {}

  /** The instant as stored: anything finer than a millisecond is dropped. */
  static Instant stored(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MILLIS);
  }

  static String format(Instant instant) {
    return instant == null ? null : FORMAT.format(instant);
  }

  static Instant parse(String text) {
    return text == null ? null : Instant.parse(text);
  }
}
