package dev.baton.persistence;

import java.util.BitSet;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Reads Baton's Flyway history with one query, to tell a database that already has every migration
 * this build ships. Flyway itself would learn the same by scanning the jar for migrations and
 * validating each against the history: about a fifth of a second of a start's CPU, spent on every
 * start for nothing once the database is up to date. Checksums are not compared: a landed migration
 * is never edited, and a build that ships a new one finds the history behind and runs Flyway as
 * before.
 */
public final class MigrationHistory {
  private MigrationHistory() {}

  private record Row(String version, boolean success) {}

  /**
   * Whether the history table records versions 1 to {@code latestShipped}, each successful, and no
   * later one. Anything else — no table yet, a failed or missing migration, a version this build
   * does not know, any error reading — answers false, and Flyway decides.
   *
   * @param table the history table, schema-qualified where the backend needs it
   */
  public static boolean isUpToDate(Jdbi jdbi, String table, int latestShipped) {
    List<Row> rows;
    try {
      rows =
          jdbi.withHandle(
              handle ->
                  handle
                      .createQuery("select version, success from " + table)
                      .map((row, context) -> new Row(row.getString(1), row.getBoolean(2)))
                      .list());
    } catch (JdbiException e) {
      return false;
    }
    BitSet applied = new BitSet();
    for (Row row : rows) {
      if (!row.success()) {
        return false;
      }
      if (row.version() != null) {
        int number;
        try {
          number = Integer.parseInt(row.version());
        } catch (NumberFormatException e) {
          return false;
        }
        if (number > latestShipped) {
          return false;
        }
        applied.set(number);
      }
    }
    applied.clear(0); // the baseline of a schema Baton shares with its host
    // every number is at most latestShipped: as many as that means each of 1 to latestShipped
    return applied.cardinality() == latestShipped;
  }
}
