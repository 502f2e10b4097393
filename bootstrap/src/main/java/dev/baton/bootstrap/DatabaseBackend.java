package dev.baton.bootstrap;

import dev.baton.domain.LeaderLockEntry;
import java.util.List;

/** What the process needs of the chosen database beyond the ports: its name, schema and end. */
interface DatabaseBackend extends AutoCloseable {

  /** {@code sqlite} or {@code postgres}, as {@code GET /v1/scheduler} reports it. */
  String name();

  /** Applies pending migrations; throws while the database is unreachable. */
  void migrate();

  /** The sessions on the leader lock; empty where the backend has no such lock (SQLite). */
  default List<LeaderLockEntry> lockSessions() {
    return List.of();
  }

  @Override
  void close();
}
