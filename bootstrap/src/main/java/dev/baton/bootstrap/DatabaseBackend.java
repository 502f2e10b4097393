package dev.baton.bootstrap;

/** What the process needs of the chosen database beyond the ports: its name, schema and end. */
interface DatabaseBackend extends AutoCloseable {

  /** {@code sqlite} or {@code postgres}, as {@code GET /v1/scheduler} reports it. */
  String name();

  /** Applies pending migrations; throws while the database is unreachable. */
  void migrate();

  /** A session holding or waiting for the leader lock, as the database shows it. */
  record LockSession(
      int pid, boolean granted, String applicationName, String state, java.time.Instant since) {}

  /** The sessions on the leader lock; empty where the backend has no such lock (SQLite). */
  default java.util.List<LockSession> lockSessions() {
    return java.util.List.of();
  }

  @Override
  void close();
}
