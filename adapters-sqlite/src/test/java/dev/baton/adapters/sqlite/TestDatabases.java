package dev.baton.adapters.sqlite;

import dev.baton.domain.InstanceId;
import dev.baton.domain.port.ClockPort;
import dev.baton.domain.port.LeaderLease;
import java.nio.file.Path;
import java.util.List;

/** Migrated SQLite databases for tests, and terms granted on them as a new leader would. */
final class TestDatabases {
  private TestDatabases() {}

  /** The URL of file {@code baton.db} in {@code directory}. */
  static String fileUrl(Path directory) {
    return "jdbc:sqlite:" + directory.resolve("baton.db");
  }

  static SqliteDatabase migratedFile(Path directory) {
    return migrated(fileUrl(directory));
  }

  static SqliteDatabase migrated(String url) {
    SqliteDatabase database = new SqliteDatabase(url);
    database.migrate();
    return database;
  }

  /** Migrates file {@code baton.db} in {@code directory} and returns its URL. */
  static String migratedFileUrl(Path directory) {
    migratedFile(directory);
    return fileUrl(directory);
  }

  /** The leadership of {@code instanceId} opening the file on its own, as another process would. */
  static SqliteLocalLeadership leadershipOf(
      String url, long lockKey, String instanceId, ClockPort clock) {
    return new SqliteLocalLeadership(
        new SqliteDatabase(url), lockKey, new InstanceId(instanceId), clock);
  }

  /** The first column of every row {@code sql} selects, as text. */
  static List<String> strings(SqliteDatabase database, String sql) {
    return database.jdbi().withHandle(handle -> handle.createQuery(sql).mapTo(String.class).list());
  }

  /** Takes and releases the leadership of {@code lockKey}, which makes a new term current. */
  static long grantNewTerm(SqliteDatabase database, long lockKey, ClockPort clock) {
    return grantNewTerm(
        new SqliteLocalLeadership(database, lockKey, new InstanceId("term-granter"), clock));
  }

  static long grantNewTerm(SqliteLocalLeadership leadership) {
    LeaderLease lease = leadership.tryAcquire().orElseThrow();
    lease.release();
    return lease.term();
  }
}
