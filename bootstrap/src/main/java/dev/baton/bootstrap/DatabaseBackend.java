package dev.baton.bootstrap;

/** What the process needs of the chosen database beyond the ports: its name, schema and end. */
interface DatabaseBackend extends AutoCloseable {

  /** {@code sqlite} or {@code postgres}, as {@code GET /v1/scheduler} reports it. */
  String name();

  /** Applies pending migrations; throws while the database is unreachable. */
  void migrate();

  @Override
  void close();
}
