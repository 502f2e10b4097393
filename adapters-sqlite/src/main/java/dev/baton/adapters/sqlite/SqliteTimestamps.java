package dev.baton.adapters.sqlite;

import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;

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

  /**
   * Teaches {@code jdbi} this spelling, so that code shared with PostgreSQL binds and reads {@link
   * Instant}.
   */
  static void register(Jdbi jdbi) {
    jdbi.registerArgument(
        new AbstractArgumentFactory<Instant>(Types.VARCHAR) {
          @Override
          protected Argument build(Instant value, ConfigRegistry config) {
            return (position, statement, context) -> statement.setString(position, format(value));
          }
        });
    jdbi.registerColumnMapper(
        Instant.class, (row, column, context) -> parse(row.getString(column)));
  }
}
