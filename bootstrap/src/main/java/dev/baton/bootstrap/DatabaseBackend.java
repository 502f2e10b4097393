package dev.baton.bootstrap;

import dev.baton.domain.DatabaseFailure;
import dev.baton.domain.LeaderLockEntry;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** What the process needs of the chosen database beyond the ports: its name, schema and end. */
interface DatabaseBackend extends AutoCloseable {

  /** {@code sqlite} or {@code postgres}, as {@code GET /v1/scheduler} reports it. */
  String name();

  /** The database as the configuration names it, any password masked, for messages. */
  String location();

  /**
   * One connection attempt, so that a wrong setting or an unreachable server shows at once and in
   * the database's own words.
   *
   * @throws DatabaseProblem when the database cannot be used
   */
  void checkConnection();

  /** Applies pending migrations; throws while the database is unreachable. */
  void migrate();

  /**
   * One connection attempt, then the migrations: what a process does before its first successful
   * connection.
   *
   * @throws DatabaseProblem when the database cannot be used
   */
  default void connectAndMigrate() {
    use(
        () -> {
          checkConnection();
          migrate();
          return null;
        });
  }

  /** What {@code error} means for this database, or empty when it is not a database failure. */
  Optional<DatabaseFailure> classify(Throwable error);

  /**
   * Runs {@code work} against the database; a database failure comes out as a {@link
   * DatabaseProblem} (one line), anything else as it was thrown.
   */
  default <T> T use(Supplier<T> work) {
    try {
      return work.get();
    } catch (DatabaseProblem e) {
      throw e;
    } catch (RuntimeException e) {
      Optional<DatabaseFailure> failure = classify(e);
      if (failure.isPresent()) {
        throw new DatabaseProblem(failure.get(), location(), e);
      }
      throw e;
    }
  }

  /** The sessions on the leader lock; empty where the backend has no such lock (SQLite). */
  default List<LeaderLockEntry> lockSessions() {
    return List.of();
  }

  @Override
  void close();
}
